package org.tributary.log;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicMetadata;

/**
 * Chooses a record's partition as Kafka's producer does: an explicit partition wins; a key maps
 * with kafka-clients' own murmur2 partitioner, so a key lands where Kafka would put it; records
 * without a key stick to one partition per produce request, and requests rotate over partitions.
 */
final class Partitioner {

  private final Map<String, AtomicInteger> rotation = new ConcurrentHashMap<>();

  /** The partition that a produce request's key-less records share. */
  int stickyPartition(TopicMetadata topic) {
    AtomicInteger next = rotation.computeIfAbsent(topic.name(), name -> new AtomicInteger());
    return Math.floorMod(next.getAndIncrement(), topic.partitions());
  }

  int partition(TopicMetadata topic, Integer explicit, byte[] key, int stickyPartition) {
    if (explicit != null) {
      if (!topic.hasPartition(explicit)) {
        throw TributaryException.unknownPartition(topic.name(), explicit, topic.partitions());
      }
      return explicit;
    }
    if (key != null) {
      return BuiltInPartitioner.partitionForKey(key, topic.partitions());
    }
    return stickyPartition;
  }
}
