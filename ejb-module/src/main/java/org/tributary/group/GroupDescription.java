package org.tributary.group;

import java.util.List;

/**
 * A consumer group as an operator sees it: members, assignment and lag per partition. The assignor
 * of a Kafka-protocol group is the protocol its members chose; its protocol type is Kafka's ({@code
 * consumer} for consumers, also for Tributary's own groups).
 */
public record GroupDescription(
    String groupId,
    GroupState state,
    int generation,
    String assignor,
    List<MemberDescription> members,
    List<PartitionLag> partitions,
    String protocolType) {

  public long totalLag() {
    return partitions.stream().mapToLong(PartitionLag::lag).sum();
  }
}
