package org.tributary.kafka.group;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.utils.Utils;
import org.tributary.group.ClassicProtocol;
import org.tributary.topic.TopicPartition;

/**
 * Kafka's consumer protocol (the subscription and assignment bytes consumers exchange through the
 * group), read and written with kafka-clients' own {@code ConsumerProtocol}: what a Kafka member
 * subscribes to and was assigned, as operators see it, and Tributary's own members described in the
 * bytes Kafka tools read. Bytes of another protocol type (Kafka Connect's) are not read.
 */
final class ConsumerProtocolBytes {

  private ConsumerProtocolBytes() {}

  /** The topics a member subscribes to, or none when its metadata is not the consumer protocol. */
  static Set<String> subscription(String protocolType, List<ClassicProtocol> protocols) {
    if (!ConsumerProtocol.PROTOCOL_TYPE.equals(protocolType) || protocols.isEmpty()) {
      return Set.of();
    }
    try {
      return new TreeSet<>(
          ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(protocols.get(0).metadata()))
              .topics());
    } catch (RuntimeException notConsumerProtocol) {
      return Set.of();
    }
  }

  /** The partitions an assignment names, or none when it is not the consumer protocol. */
  static List<TopicPartition> assignment(String protocolType, byte[] assignment) {
    if ((protocolType != null && !ConsumerProtocol.PROTOCOL_TYPE.equals(protocolType))
        || assignment == null
        || assignment.length == 0) {
      return List.of();
    }
    try {
      return ConsumerProtocol.deserializeAssignment(ByteBuffer.wrap(assignment))
          .partitions()
          .stream()
          .map(p -> new TopicPartition(p.topic(), p.partition()))
          .toList();
    } catch (RuntimeException notConsumerProtocol) {
      return List.of();
    }
  }

  static byte[] subscriptionBytes(Collection<String> topics) {
    return Utils.toArray(
        ConsumerProtocol.serializeSubscription(
            new ConsumerPartitionAssignor.Subscription(List.copyOf(topics))));
  }

  static byte[] assignmentBytes(Collection<TopicPartition> partitions) {
    return Utils.toArray(
        ConsumerProtocol.serializeAssignment(
            new ConsumerPartitionAssignor.Assignment(
                partitions.stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition()))
                    .toList())));
  }
}
