package org.tributary.topic;

import java.time.Instant;

/** An immutable snapshot of a topic's metadata, safe to share between threads. */
public record TopicMetadata(
    long id, String name, int partitions, TopicConfig config, Instant createdAt) {

  public static final int MAX_PARTITIONS = 10_000;

  public TopicPartition partition(int partition) {
    return new TopicPartition(name, partition);
  }

  public boolean hasPartition(int partition) {
    return partition >= 0 && partition < partitions;
  }
}
