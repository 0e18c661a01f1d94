package org.tributary.group;

import java.util.List;

/** A consumer group as an operator sees it: members, assignment and lag per partition. */
public record GroupDescription(
    String groupId,
    GroupState state,
    int generation,
    String assignor,
    List<MemberDescription> members,
    List<PartitionLag> partitions) {

  public long totalLag() {
    return partitions.stream().mapToLong(PartitionLag::lag).sum();
  }
}
