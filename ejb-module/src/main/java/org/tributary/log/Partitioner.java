package org.tributary.log;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicMetadata;

/**
 * Chooses a record's partition as Kafka's producer does: an explicit partition wins; a key maps
 * with kafka-clients' own murmur2 partitioner, so a key lands where Kafka would put it; records
 * without a key stick to one partition until {@value #STICKY_BYTES} bytes of them went there
 * (Kafka's {@code batch.size}, KIP-480 and KIP-794), then the next partition takes over. A
 * request's key-less records always share one partition, and concurrent small requests share
 * partitions, so one group commit writes few, fuller batches.
 */
final class Partitioner {

  /** Kafka's default {@code batch.size}. */
  static final int STICKY_BYTES = 16_384;

  private final Map<String, Sticky> sticky = new ConcurrentHashMap<>();

  /** The partition that a produce request's key-less records share. */
  int stickyPartition(TopicMetadata topic) {
    return sticky(topic).partition(topic.partitions());
  }

  /** Key-less records of {@code bytes} went to the topic's sticky partition. */
  void produced(TopicMetadata topic, long bytes) {
    if (bytes > 0) {
      sticky(topic).add(bytes);
    }
  }

  private Sticky sticky(TopicMetadata topic) {
    return sticky.computeIfAbsent(topic.name(), name -> new Sticky());
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

  /** One topic's sticky partition and the bytes sent to it since it took over. */
  private static final class Sticky {
    private int partition;
    private long bytes;

    synchronized int partition(int partitions) {
      return Math.floorMod(partition, partitions);
    }

    synchronized void add(long produced) {
      bytes += produced;
      if (bytes >= STICKY_BYTES) {
        partition++;
        bytes = 0;
      }
    }
  }
}
