package org.tributary.log;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicPartition;

/**
 * Reads records for fetches (Kafka's {@code ReplicaManager.fetchMessages}): forward from an offset,
 * from the tail cache or below it from the store, up to the last stable offset; backward for the
 * console; and at the last stable offset through {@link DelayedFetches}.
 */
final class LogReader {

  /** Batches one store query reads: a fetch of small records needs few round trips. */
  static final int STORE_PAGE_BATCHES = 16;

  /**
   * Batches a Kafka fetch weighs at most per store page (by their sizes alone; it loads only those
   * that fit its bytes), so that a megabyte of small batches is a few round trips.
   */
  static final int FETCH_PAGE_BATCHES = 512;

  private final OpenLogs logs;
  private final BatchStore store;
  private final DelayedFetches delayedFetches;
  private final LogMetrics metrics;

  LogReader(OpenLogs logs, BatchStore store, DelayedFetches delayedFetches, LogMetrics metrics) {
    this.logs = logs;
    this.store = store;
    this.delayedFetches = delayedFetches;
    this.metrics = metrics;
  }

  /**
   * Reads records from {@code offset} on, up to about {@code maxBytes} (at least one record if any
   * is there). At the last stable offset it waits up to {@code maxWait} for new data and completes
   * as soon as some arrives.
   */
  CompletionStage<FetchResult> fetch(
      String topicName, int partition, long offset, int maxBytes, Duration maxWait) {
    PartitionLog log = logs.existing(topicName, partition);
    requireInRange(log, offset);
    requirePositive(maxBytes);
    if (offset < log.lastStableOffset() || maxWait.isZero() || maxWait.isNegative()) {
      return CompletableFuture.completedFuture(read(log, offset, maxBytes));
    }
    // Arrival is signalled on container threads only (the writer's completion task, the
    // scheduler, or this caller), so the read may run on whichever signals it.
    return delayedFetches
        .await(List.of(log), List.of(offset), maxWait)
        .thenApply(ignored -> read(log, offset, maxBytes));
  }

  /** Reads records from {@code offset} on, without waiting; see {@link #fetch}. */
  FetchResult read(String topicName, int partition, long offset, int maxBytes) {
    PartitionLog log = logs.existing(topicName, partition);
    requireInRange(log, offset);
    requirePositive(maxBytes);
    return read(log, offset, maxBytes);
  }

  /**
   * Reads whole stored batches for a Kafka fetch, as they are: from the batch holding {@code
   * offset} (or, after a gap, the next) on, strictly below the last stable offset, while their
   * bytes stay within {@code maxBytes}; with {@code minOneBatch} the first batch is taken however
   * large it is, as Kafka does, so that a fetch always makes progress. Never waits, and counts
   * nothing: a fetch that waits reads again, and counts what it sends ({@link #sent}).
   */
  LogReadResult readBatches(
      String topicName, int partition, long offset, int maxBytes, boolean minOneBatch) {
    PartitionLog log = logs.existing(topicName, partition);
    long logStartOffset = log.logStartOffset();
    long lastStableOffset = log.lastStableOffset();
    requireInRange(log, offset, logStartOffset, lastStableOffset);
    List<EncodedBatch> batches = new ArrayList<>();
    long position = offset;
    long bytes = 0;
    boolean full = false;
    while (position < lastStableOffset && !full) {
      if (bytes >= maxBytes && !(minOneBatch && batches.isEmpty())) {
        break;
      }
      List<EncodedBatch> page = log.cachedFrom(position);
      if (page == null) {
        page =
            store.batchesWithin(
                log.topicId(),
                partition,
                position,
                lastStableOffset,
                FETCH_PAGE_BATCHES,
                maxBytes - bytes);
      }
      long before = position;
      for (EncodedBatch batch : page) {
        if (batch.lastOffset() < position) {
          continue; // the cache's floor batch, ending before a gap
        }
        int size = batch.bytes().length;
        if (batch.lastOffset() >= lastStableOffset
            || (bytes + size > maxBytes && !(minOneBatch && batches.isEmpty()))) {
          full = true;
          break;
        }
        batches.add(batch);
        bytes += size;
        position = batch.lastOffset() + 1;
      }
      if (position == before) {
        break; // a settled gap up to the last stable offset: nothing more to read
      }
    }
    return new LogReadResult(
        log.topicPartition(), List.copyOf(batches), logStartOffset, lastStableOffset);
  }

  /** Counts the records and bytes a Kafka fetch sends. */
  void sent(List<LogReadResult> reads) {
    for (LogReadResult read : reads) {
      int records = 0;
      for (EncodedBatch batch : read.batches()) {
        records += batch.recordCount();
      }
      metrics.fetched(records, read.sizeInBytes());
    }
  }

  /**
   * Completes as soon as any of the partitions has data beyond its offset, or after {@code
   * maxWait}, holding no thread meanwhile. It fails if one of the topics is deleted meanwhile.
   */
  CompletionStage<Void> awaitData(Map<TopicPartition, Long> offsets, Duration maxWait) {
    List<PartitionLog> partitionLogs = new ArrayList<>(offsets.size());
    List<Long> positions = new ArrayList<>(offsets.size());
    try {
      offsets.forEach(
          (partition, offset) -> {
            partitionLogs.add(logs.existing(partition.topic(), partition.partition()));
            positions.add(offset);
          });
    } catch (TributaryException deleted) {
      return CompletableFuture.failedFuture(deleted);
    }
    return delayedFetches.await(partitionLogs, positions, maxWait);
  }

  /**
   * Reads backward, for browsing from the end: the newest records below {@code endOffset}, up to
   * about {@code maxBytes} (at least one record if any is there), from the stored batch that holds
   * or precedes offset {@code endOffset - 1}, so a gap below {@code endOffset} costs one look-up.
   * {@code nextOffset} is where the next older read ends: no record lies from there up to the first
   * one returned (or up to {@code endOffset}).
   */
  FetchResult readBefore(String topicName, int partition, long endOffset, int maxBytes) {
    PartitionLog log = logs.existing(topicName, partition);
    requireInRange(log, endOffset);
    requirePositive(maxBytes);
    long logStart = log.logStartOffset();
    long lastStableOffset = log.lastStableOffset();
    List<Record> batch = new ArrayList<>();
    long from = logStart;
    if (endOffset > logStart) {
      // The cache holds every batch from its first on, so its floor batch is the stored one.
      List<EncodedBatch> cached = log.cachedFrom(endOffset - 1);
      for (EncodedBatch holding :
          cached != null ? cached.subList(0, 1) : storedBatchBelow(log, endOffset)) {
        from = Math.max(holding.baseOffset(), logStart);
        holding.readInto(batch, from, endOffset, Integer.MAX_VALUE);
      }
    }
    int first = batch.size();
    long bytes = 0;
    while (first > 0
        && (first == batch.size() || bytes + batch.get(first - 1).sizeInBytes() <= maxBytes)) {
      first--;
      bytes += batch.get(first).sizeInBytes();
    }
    List<Record> records = List.copyOf(batch.subList(first, batch.size()));
    metrics.fetched(records.size(), bytes);
    return new FetchResult(
        log.topicPartition(),
        records,
        logStart,
        lastStableOffset,
        first == 0 ? from : records.get(0).offset());
  }

  /** The stored batch that holds or precedes offset {@code endOffset - 1}, if any. */
  private List<EncodedBatch> storedBatchBelow(PartitionLog log, long endOffset) {
    int partition = log.topicPartition().partition();
    Long base = store.lastBatchBelow(log.topicId(), partition, endOffset);
    return base == null
        ? List.of()
        : store.batchesFrom(
            log.topicId(), partition, Math.max(base, log.logStartOffset()), endOffset, 1);
  }

  private FetchResult read(PartitionLog log, long offset, int maxBytes) {
    long lastStableOffset = log.lastStableOffset();
    List<Record> records = new ArrayList<>();
    long position = offset;
    int budget = maxBytes;
    while (position < lastStableOffset && budget > 0) {
      List<EncodedBatch> batches = log.cachedFrom(position);
      if (batches == null) {
        batches =
            store.batchesFrom(
                log.topicId(),
                log.topicPartition().partition(),
                position,
                lastStableOffset,
                STORE_PAGE_BATCHES);
      }
      long before = position;
      for (EncodedBatch batch : batches) {
        budget = batch.readInto(records, position, lastStableOffset, budget);
        position = Math.max(position, batch.lastOffset() + 1);
        if (budget == 0) {
          break;
        }
      }
      if (position == before) {
        // Only batches that end before the position (the cache starts at the floor batch): the
        // rest up to the last stable offset is a settled gap, not something to read again.
        break;
      }
    }
    // Nothing stored from the offset up to the last stable offset: a gap (a rolled-back
    // transaction or a failed commit), settled and empty, which the next read starts after.
    long next = records.isEmpty() ? lastStableOffset : records.get(records.size() - 1).offset() + 1;
    long bytes = 0;
    for (Record record : records) {
      bytes += record.sizeInBytes();
    }
    metrics.fetched(records.size(), bytes);
    return new FetchResult(
        log.topicPartition(), records, log.logStartOffset(), lastStableOffset, next);
  }

  private static void requirePositive(int maxBytes) {
    if (maxBytes <= 0) {
      throw new TributaryException(
          ErrorCode.INVALID_REQUEST, "max_bytes must be positive, was " + maxBytes + ".");
    }
  }

  private static void requireInRange(PartitionLog log, long offset) {
    requireInRange(log, offset, log.logStartOffset(), log.lastStableOffset());
  }

  private static void requireInRange(
      PartitionLog log, long offset, long logStartOffset, long lastStableOffset) {
    if (offset < logStartOffset || offset > lastStableOffset) {
      throw new TributaryException(
          ErrorCode.OFFSET_OUT_OF_RANGE,
          "Offset "
              + offset
              + " is out of range for "
              + log.topicPartition()
              + ": valid offsets are "
              + logStartOffset
              + " to "
              + lastStableOffset
              + ".");
    }
  }
}
