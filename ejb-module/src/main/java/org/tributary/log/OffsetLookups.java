package org.tributary.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Answers Kafka's {@code ListOffsets} questions: a partition's log start and last stable offset,
 * the first offset at or after a timestamp, and the bytes a partition stores.
 */
final class OffsetLookups {

  private final OpenLogs logs;
  private final BatchStore store;

  OffsetLookups(OpenLogs logs, BatchStore store) {
    this.logs = logs;
    this.store = store;
  }

  PartitionOffsets offsets(String topicName, int partition) {
    return offsets(logs.existing(topicName, partition));
  }

  List<PartitionOffsets> offsets(String topicName) {
    List<PartitionLog> partitions = logs.logsOf(logs.topic(topicName));
    List<PartitionOffsets> all = new ArrayList<>(partitions.size());
    partitions.forEach(log -> all.add(offsets(log)));
    return all;
  }

  long sizeInBytes(String topicName, int partition) {
    return logs.existing(topicName, partition).sizeInBytes();
  }

  /**
   * The earliest offset in [log start, last stable offset) whose record has a timestamp at or after
   * {@code timestamp}, if any; see {@link #timestampAndOffset}.
   */
  OptionalLong offsetForTimestamp(String topicName, int partition, long timestamp) {
    return timestampAndOffset(topicName, partition, timestamp)
        .map(found -> OptionalLong.of(found.offset()))
        .orElse(OptionalLong.empty());
  }

  /**
   * The first record in [log start, last stable offset) with a timestamp at or after {@code
   * timestamp}, if any, with its own timestamp. Batches are walked in offset order until a record
   * qualifies: a batch whose newest timestamp qualifies may hold it only below the log start or at
   * the last stable offset.
   */
  Optional<TimestampAndOffset> timestampAndOffset(String topicName, int partition, long timestamp) {
    return firstAtOrAfter(logs.existing(topicName, partition), timestamp);
  }

  /**
   * The first record in [log start, last stable offset) with the largest timestamp (Kafka's {@code
   * MAX_TIMESTAMP}), if the log holds any record there.
   */
  Optional<TimestampAndOffset> maxTimestampAndOffset(String topicName, int partition) {
    PartitionLog log = logs.existing(topicName, partition);
    Long maxTimestamp =
        store.maxTimestamp(log.topicId(), partition, log.logStartOffset(), log.lastStableOffset());
    return maxTimestamp == null ? Optional.empty() : firstAtOrAfter(log, maxTimestamp);
  }

  private Optional<TimestampAndOffset> firstAtOrAfter(PartitionLog log, long timestamp) {
    long logStart = log.logStartOffset();
    long lastStableOffset = log.lastStableOffset();
    int partition = log.topicPartition().partition();
    long fromBase = 0;
    while (true) {
      List<EncodedBatch> batches =
          store.batchesWithTimestamp(
              log.topicId(),
              partition,
              timestamp,
              fromBase,
              logStart,
              lastStableOffset,
              LogReader.STORE_PAGE_BATCHES);
      for (EncodedBatch batch : batches) {
        Optional<TimestampAndOffset> found =
            batch.firstWithTimestamp(timestamp, logStart, lastStableOffset);
        if (found.isPresent()) {
          return found;
        }
      }
      if (batches.size() < LogReader.STORE_PAGE_BATCHES) {
        return Optional.empty();
      }
      fromBase = batches.get(batches.size() - 1).baseOffset() + 1;
    }
  }

  private static PartitionOffsets offsets(PartitionLog log) {
    return new PartitionOffsets(
        log.topicPartition().partition(), log.logStartOffset(), log.lastStableOffset());
  }
}
