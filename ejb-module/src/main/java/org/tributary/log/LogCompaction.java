package org.tributary.log;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.tributary.log.CleaningRun.Kind;
import org.tributary.topic.TopicMetadata;

/**
 * Kafka's log cleaner, which means compaction ({@code cleanup.policy=compact}): a partition whose
 * records written since its last compaction make up at least {@code min.cleanable.dirty.ratio} of
 * its cleanable part is read twice, once to map each key to its latest offset ({@link OffsetMap},
 * bounded by {@code log.cleaner.dedupe.buffer.size}) and once to rewrite its batches without the
 * superseded records ({@link BatchCompaction}), a page of up to {@value #READ_PAGE} batches per
 * transaction through {@link PartitionLog#replaceCompacted}.
 *
 * <p>A fetch that already holds a batch's old bytes reads them whole: a rewrite only leaves out
 * records that a newer one for the same key supersedes.
 */
final class LogCompaction {

  private static final int READ_PAGE = 16;
  private static final int SUMMARY_PAGE = 256;

  private final Function<TopicMetadata, List<PartitionLog>> logsOf;
  private final BatchStore store;
  private final long dedupeBufferBytes;
  private final CleaningHistory history;
  private final Clock clock;

  /**
   * @param dedupeBufferBytes Kafka's {@code log.cleaner.dedupe.buffer.size}: memory for one
   *     compaction's key map
   */
  LogCompaction(
      Function<TopicMetadata, List<PartitionLog>> logsOf,
      BatchStore store,
      long dedupeBufferBytes,
      CleaningHistory history,
      Clock clock) {
    this.logsOf = logsOf;
    this.store = store;
    this.dedupeBufferBytes = dedupeBufferBytes;
    this.history = history;
    this.clock = clock;
  }

  /**
   * Compacts the topic's partitions that are due; empty when the topic is not compacted or none
   * was.
   */
  Optional<CleaningRun> apply(TopicMetadata topic) {
    if (!topic.config().compacted()) {
      return Optional.empty();
    }
    long started = clock.millis();
    Removal removed = null;
    for (PartitionLog log : logsOf.apply(topic)) {
      Removal compacted = compact(topic, log);
      if (compacted != null) {
        removed = removed == null ? compacted : removed.plus(compacted);
      }
    }
    return Optional.ofNullable(removed)
        .map(run -> history.record(topic.id(), run.asRun(Kind.COMPACTION, started, clock, null)));
  }

  /**
   * Compacts the partition if it is due (see {@link CleanableRange#due}); returns {@code null} when
   * it was not.
   */
  private Removal compact(TopicMetadata topic, PartitionLog log) {
    long topicId = log.topicId();
    int partition = log.topicPartition().partition();
    long now = clock.millis();
    long lastStableOffset = log.lastStableOffset();
    CleanerCheckpoint checkpoint = log.cleanerCheckpoint();
    if (checkpoint.nothingToCompact(lastStableOffset, now)) {
      return null;
    }
    Long lastBatch = store.lastBatchBelow(topicId, partition, lastStableOffset);
    if (lastBatch == null) {
      return null;
    }
    CleanableRange range = cleanableRange(topic, log, checkpoint.cleanedUpTo(), lastBatch, now);
    if (!range.due(topic.config().minCleanableDirtyRatio(), checkpoint.tombstoneHorizon(), now)) {
      return null;
    }
    OffsetMap latest = new OffsetMap(dedupeBufferBytes);
    long cleanUpTo = range.end();
    long position = Math.max(checkpoint.cleanedUpTo(), log.logStartOffset());
    while (position < cleanUpTo && !latest.isFull()) {
      List<EncodedBatch> page =
          store.batchesFrom(topicId, partition, position, cleanUpTo, READ_PAGE);
      if (page.isEmpty()) {
        break;
      }
      for (EncodedBatch batch : page) {
        if (latest.isFull()) {
          break;
        }
        latest.addAll(batch);
        position = batch.lastOffset() + 1;
      }
    }
    if (latest.isFull()) {
      // The map holds the keys up to here: clean up to here now, the rest next time.
      cleanUpTo = Math.min(cleanUpTo, position);
    }
    Removal removed = Removal.NONE;
    long horizon = BatchCompaction.NO_HORIZON;
    // Capped so that now + delete.retention.ms (the tombstones' horizon) cannot overflow.
    long deleteRetentionMs = Math.min(topic.config().deleteRetentionMs(), Long.MAX_VALUE - now);
    position = log.logStartOffset();
    while (position < cleanUpTo) {
      List<EncodedBatch> page =
          store.batchesFrom(topicId, partition, position, cleanUpTo, READ_PAGE);
      if (page.isEmpty()) {
        break;
      }
      Map<EncodedBatch, BatchCompaction.Result> changed = new LinkedHashMap<>();
      for (EncodedBatch batch : page) {
        position = batch.lastOffset() + 1;
        BatchCompaction.Result compacted =
            BatchCompaction.compact(batch, latest, now, deleteRetentionMs);
        horizon = Math.min(horizon, compacted.tombstoneHorizon());
        if (compacted.batch() != batch) {
          changed.put(batch, compacted);
        }
      }
      removed = removed.plus(log.replaceCompacted(changed));
    }
    // Only a run that reached the active tail may skip the partition until new records arrive:
    // one cut short by the key map or min.compaction.lag.ms has more to do as time passes.
    boolean complete = cleanUpTo == lastBatch;
    log.compacted(new CleanerCheckpoint(cleanUpTo, horizon, complete ? lastStableOffset : -1));
    return removed;
  }

  /**
   * Where compaction may work: from the log start up to the batch holding the last record (the
   * active tail) or the first batch of the new records younger than {@code min.compaction.lag.ms},
   * whichever comes first; and how much of it was written since the last compaction.
   */
  CleanableRange cleanableRange(
      TopicMetadata topic, PartitionLog log, long dirtyFrom, long lastBatch, long now) {
    long youngerThan = now - topic.config().minCompactionLagMs();
    long end = lastBatch;
    long total = 0;
    long dirty = 0;
    long from = log.logStartOffset();
    List<BatchSummary> page;
    do {
      page =
          store.summaries(log.topicId(), log.topicPartition().partition(), from, end, SUMMARY_PAGE);
      for (BatchSummary batch : page) {
        if (batch.lastOffset() < log.logStartOffset()) {
          from = batch.baseOffset() + 1; // retention's to remove
          continue;
        }
        boolean isDirty = batch.lastOffset() >= dirtyFrom;
        if (isDirty && batch.maxTimestamp() > youngerThan) {
          end = batch.baseOffset();
          break;
        }
        total += batch.sizeInBytes();
        dirty += isDirty ? batch.sizeInBytes() : 0;
        from = batch.baseOffset() + 1;
      }
    } while (page.size() == SUMMARY_PAGE && from < end);
    return new CleanableRange(end, total, dirty);
  }

  /**
   * The part of a partition that compaction may work on, up to (not including) the batch at {@code
   * end}.
   */
  record CleanableRange(long end, long totalBytes, long dirtyBytes) {

    double dirtyRatio() {
      return (double) dirtyBytes / totalBytes;
    }

    /**
     * Whether to compact: there is something to clean, and its dirty ratio passes {@code
     * min.cleanable.dirty.ratio} or a kept tombstone's time is up.
     */
    boolean due(double minCleanableDirtyRatio, long tombstoneHorizon, long now) {
      return totalBytes > 0 && (dirtyRatio() > minCleanableDirtyRatio || tombstoneHorizon <= now);
    }
  }
}
