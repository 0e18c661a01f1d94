package org.tributary.api;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads records as a member of a consumer group (subscribe) or from partitions taken by hand
 * (assign), as Kafka's consumer does. Not thread-safe; {@link #close} leaves the group.
 *
 * <p>A commit inside a JTA transaction joins it: one transaction can read a record, write the
 * application's tables, send a result and commit the offset, all or nothing.
 */
public interface TributaryConsumer extends AutoCloseable {

  void subscribe(Collection<String> topics);

  void assign(Collection<TopicPartition> partitions);

  List<TopicPartition> assignment();

  /** The records after the current positions; waits up to {@code timeout} for the first ones. */
  List<ReceivedRecord> poll(Duration timeout);

  /** Commits the positions of everything polled so far. */
  void commit();

  /** Commits the given next offsets to read. */
  void commit(Map<TopicPartition, Long> offsets);

  void seek(TopicPartition partition, long offset);

  /** Seeks to the start of these partitions, of all assigned ones when empty. */
  void seekToBeginning(Collection<TopicPartition> partitions);

  /** Seeks to the end of these partitions, of all assigned ones when empty. */
  void seekToEnd(Collection<TopicPartition> partitions);

  @Override
  void close();
}
