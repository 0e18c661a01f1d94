package org.tributary.group;

import java.util.List;
import java.util.Map;
import org.tributary.topic.TopicPartition;

/**
 * A SyncGroup of Kafka's classic protocol: the leader's carries every member's assignment.
 *
 * @param assignments by member id: the bytes to hand the member as they are, and the partitions
 *     they name when they are Kafka's consumer protocol (what operators see)
 */
public record ClassicSync(
    String groupId,
    String memberId,
    String groupInstanceId,
    int generation,
    String protocolType,
    String protocolName,
    Map<String, MemberAssignment> assignments) {

  /** One member's assignment, as sent and as understood. */
  public record MemberAssignment(byte[] assignment, List<TopicPartition> partitions) {}
}
