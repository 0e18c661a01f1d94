package org.tributary.log;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.tributary.topic.TopicMetadata;

/**
 * Rebuilds the partition logs from what the database holds, as Kafka's {@code LogManager} loads its
 * logs at start-up: each partition's stored extent, and the log starts and ends recorded where no
 * stored batch tells them (Kafka's checkpoint files). Everything acknowledged was committed, so it
 * is there; nothing half-written exists, because a batch row is written in one transaction.
 */
final class LogRecovery {

  /**
   * How far back from a log's end recovery reads batches to rebuild producer state: far more than a
   * producer has in flight (five requests) when it crashes.
   */
  static final int PRODUCER_STATE_OFFSETS = 10_000;

  /** Moved by retention, DeleteRecords or compaction: a log with no batch left starts there. */
  private final Map<PartitionKey, Long> recordedStarts = new ConcurrentHashMap<>();

  /** Recorded after gaps at the end of logs: a log never hands out an offset below it again. */
  private final Map<PartitionKey, Long> recordedEnds = new ConcurrentHashMap<>();

  private final long tailCacheBytes;
  private final TailCacheBudget tailCacheBudget;
  private final BatchStore store;
  private final Consumer<PartitionLog> gapAtEnd;

  /**
   * @param store where the logs remove and rewrite their batches
   * @param gapAtEnd told when a log's last offsets became a gap whose end must be recorded
   */
  LogRecovery(
      List<RecoveredOffset> logStarts,
      List<RecoveredOffset> logEnds,
      long tailCacheBytes,
      TailCacheBudget tailCacheBudget,
      BatchStore store,
      Consumer<PartitionLog> gapAtEnd) {
    logStarts.forEach(start -> recordedStarts.put(key(start), start.offset()));
    logEnds.forEach(end -> recordedEnds.put(key(end), end.offset()));
    this.tailCacheBytes = tailCacheBytes;
    this.tailCacheBudget = tailCacheBudget;
    this.store = store;
    this.gapAtEnd = gapAtEnd;
  }

  /** The logs of the partitions with stored batches; a deleted topic's batches are skipped. */
  Map<PartitionKey, PartitionLog> logs(Collection<TopicMetadata> topics, List<LogExtent> extents) {
    Map<Long, TopicMetadata> byId = new HashMap<>();
    topics.forEach(topic -> byId.put(topic.id(), topic));
    Map<PartitionKey, PartitionLog> logs = new HashMap<>();
    for (LogExtent extent : extents) {
      TopicMetadata topic = byId.get(extent.topicId());
      if (topic == null) {
        continue; // a deleted topic's batches, which the writer removes
      }
      PartitionKey key = new PartitionKey(extent.topicId(), extent.partition());
      long logStart = recordedStarts.getOrDefault(key, extent.firstBaseOffset());
      // Never below the log start (DeleteRecords may have moved it past a gap at the end), nor
      // below a recorded end (a gap at the end that a consumer may have passed).
      long nextOffset =
          Math.max(Math.max(extent.lastOffset() + 1, logStart), recordedEnds.getOrDefault(key, 0L));
      PartitionLog log = log(topic, extent.partition(), logStart, nextOffset, extent.sizeInBytes());
      rebuildProducerState(log, logStart, nextOffset);
      logs.put(key, log);
    }
    return logs;
  }

  /**
   * Rebuilds the idempotent producers' state from the partition's newest batches, which carry each
   * producer's id, epoch and sequences: a retry of a batch acknowledged before a crash is
   * recognised. A producer whose last batch is further back starts without state, which Kafka
   * accepts at any sequence (as after its state expired).
   */
  private void rebuildProducerState(PartitionLog log, long logStart, long nextOffset) {
    if (store == null) {
      return;
    }
    long from = Math.max(logStart, nextOffset - PRODUCER_STATE_OFFSETS);
    List<EncodedBatch> batches =
        store.batchesFrom(
            log.topicId(),
            log.topicPartition().partition(),
            from,
            nextOffset,
            PRODUCER_STATE_OFFSETS);
    ProducerStateManager producers = log.producers();
    for (EncodedBatch batch : batches) {
      ProducerBatch producer = batch.producer();
      if (!producer.idempotent()) {
        continue;
      }
      BatchMetadata appended =
          new BatchMetadata(
              producer.firstSequence(),
              producer.lastSequence(),
              (int) (batch.lastOffset() - batch.baseOffset()),
              batch.lastOffset(),
              batch.maxTimestamp());
      ProducerStateEntry current = producers.entry(producer.producerId());
      producers.update(
          producer.producerId(),
          current == null
              ? ProducerStateEntry.first(producer.epoch(), appended)
              : current.with(producer.epoch(), appended));
    }
  }

  /** The log of a partition with no stored batch, from its recorded start and end if any. */
  PartitionLog emptyLog(TopicMetadata topic, int partition) {
    PartitionKey key = new PartitionKey(topic.id(), partition);
    long start = recordedStarts.getOrDefault(key, 0L);
    return log(topic, partition, start, Math.max(start, recordedEnds.getOrDefault(key, 0L)), 0);
  }

  /** Forgets a deleted topic's recorded offsets, so that no new log starts from them. */
  void forget(long topicId) {
    recordedStarts.keySet().removeIf(partition -> partition.topicId() == topicId);
    recordedEnds.keySet().removeIf(partition -> partition.topicId() == topicId);
  }

  private PartitionLog log(
      TopicMetadata topic, int partition, long logStart, long nextOffset, long sizeInBytes) {
    return new PartitionLog(
        topic.id(),
        topic.partition(partition),
        logStart,
        nextOffset,
        sizeInBytes,
        tailCacheBytes,
        tailCacheBudget,
        store,
        gapAtEnd);
  }

  private static PartitionKey key(RecoveredOffset offset) {
    return new PartitionKey(offset.topicId(), offset.partition());
  }
}
