package org.tributary.consumer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.group.OffsetResetStrategy;
import org.tributary.log.FetchResult;
import org.tributary.log.PartitionOffsets;
import org.tributary.log.Record;
import org.tributary.topic.TopicPartition;

/**
 * Reads, without waiting, from the position of every owned partition, as Kafka's {@code Fetcher}:
 * each read starts at the partition after the one the last read started at, so that a busy
 * partition cannot starve the others of a poll's byte budget. A position out of the log's range
 * moves where {@code auto.offset.reset} says.
 *
 * <p>Not thread-safe: its {@link GroupConsumer} guards it with its monitor.
 */
final class Fetcher {

  /** A read of a partition's log from an offset, up to about a number of bytes. */
  @FunctionalInterface
  interface LogRead {
    FetchResult read(TopicPartition partition, long offset, int maxBytes);
  }

  private final SubscriptionState subscriptions;
  private final LogRead logs;
  private final Function<TopicPartition, PartitionOffsets> offsets;
  private final OffsetResetStrategy autoOffsetReset;
  private int rotation;

  Fetcher(
      SubscriptionState subscriptions,
      LogRead logs,
      Function<TopicPartition, PartitionOffsets> offsets,
      OffsetResetStrategy autoOffsetReset) {
    this.subscriptions = subscriptions;
    this.logs = logs;
    this.offsets = offsets;
    this.autoOffsetReset = autoOffsetReset;
  }

  /**
   * Adds to {@code received} what the owned partitions hold after their positions, up to about
   * {@code budget} bytes, and moves the positions past it. Returns the positions of the partitions
   * a poll can wait on for more: those read, and those the budget did not reach.
   */
  Map<TopicPartition, Long> fetchAvailable(List<ConsumedRecord> received, int budget) {
    List<TopicPartition> order = new ArrayList<>(subscriptions.assignment());
    if (!order.isEmpty()) {
      Collections.rotate(order, -(rotation++ % order.size()));
    }
    Map<TopicPartition, Long> readable = new HashMap<>();
    for (TopicPartition partition : order) {
      if (budget <= 0) {
        readable.put(partition, subscriptions.position(partition));
        continue;
      }
      FetchResult fetched = read(partition, budget);
      if (fetched == null) {
        continue;
      }
      for (Record record : fetched.records()) {
        received.add(new ConsumedRecord(partition.topic(), partition.partition(), record));
        budget -= record.sizeInBytes();
      }
      subscriptions.fetched(received, partition, fetched.records(), fetched.nextOffset());
      readable.put(partition, fetched.nextOffset());
    }
    return readable;
  }

  /** Reads from the partition's position; null when its topic has just been deleted. */
  private FetchResult read(TopicPartition partition, int budget) {
    try {
      return logs.read(partition, subscriptions.position(partition), budget);
    } catch (TributaryException e) {
      if (e.code() == ErrorCode.OFFSET_OUT_OF_RANGE) {
        return readFromReset(partition, budget);
      }
      if (e.code() == ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) {
        return null;
      }
      throw e;
    }
  }

  /**
   * Reads from where {@code auto.offset.reset} puts the position; once more if retention moved the
   * log start between the reset and the read.
   */
  private FetchResult readFromReset(TopicPartition partition, int budget) {
    for (int attempt = 1; ; attempt++) {
      PartitionOffsets bounds = offsets.apply(partition);
      long reset =
          autoOffsetReset.startOffset(
              partition, bounds.logStartOffset(), bounds.lastStableOffset());
      subscriptions.resetPosition(partition, reset);
      try {
        return logs.read(partition, reset, budget);
      } catch (TributaryException e) {
        if (e.code() != ErrorCode.OFFSET_OUT_OF_RANGE || attempt == 2) {
          throw e;
        }
      }
    }
  }
}
