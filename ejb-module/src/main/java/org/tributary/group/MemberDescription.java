package org.tributary.group;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.tributary.topic.TopicPartition;

/**
 * A member as an operator sees it. A member of a Kafka-protocol group also has its static instance
 * id, if any, its address, and the bytes of its protocol metadata and assignment as its clients
 * exchanged them; those are null for Tributary's own members.
 */
public record MemberDescription(
    String memberId,
    String clientId,
    Set<String> subscription,
    List<TopicPartition> assignment,
    Instant lastHeartbeat,
    String groupInstanceId,
    String clientHost,
    byte[] protocolMetadata,
    byte[] protocolAssignment) {

  MemberDescription(
      String memberId,
      String clientId,
      Set<String> subscription,
      List<TopicPartition> assignment,
      Instant lastHeartbeat) {
    this(memberId, clientId, subscription, assignment, lastHeartbeat, null, null, null, null);
  }
}
