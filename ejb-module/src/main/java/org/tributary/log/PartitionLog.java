package org.tributary.log;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicPartition;

/**
 * One partition's log: its offsets, a bounded cache of its newest batches, the fetches waiting for
 * data, and every change to its stored batches after their append.
 *
 * <p>Offsets are handed out in ranges ({@link #reserve}): to the group-commit writer for each
 * commit, and to transactional producers inside their JTA transactions. A range is unsettled until
 * it is durable (and, for a transaction, committed) or abandoned (failed or rolled back: a gap).
 * The last stable offset (Kafka's name for the end of what read_committed consumers may read; the
 * REST API calls it {@code high_watermark}) stops at the first unsettled range: a consumer never
 * reads past a record that may still appear, and never skips one because a later range settled
 * first.
 *
 * <p>The last stable offset never passes the log's durable end either: the end of its stored
 * batches, or an end recorded for a gap at the end of the log (an abandoned range that nothing
 * stored follows). So after a restart, which recovers the next offset from those alone, the end of
 * the log never moves backwards and no offset a consumer has seen is handed out again.
 *
 * <p>The log is the one owner of its stored batches, as Kafka's {@code UnifiedLog}: retention
 * ({@link #deleteOldestBatches}), DeleteRecords ({@link LogStartMoves}, then {@link
 * #removeBelowLogStart}) and compaction ({@link #replaceCompacted}) change them, its log start and
 * its size only here, each step a short transaction under the {@link #maintenance} lock, so they
 * never interleave on one partition. They never touch the batch holding the last record, so appends
 * meet none of their rows (and take no such lock, nor do fetches). Offsets, ranges, the tail cache
 * and the waiters are guarded by this object's monitor, held only for in-memory work; the last
 * stable offset and log start offset are volatile so that readers see them without it.
 *
 * <p>Public only because {@link PartitionLogs} hands it out through its EJB view; everything it
 * offers stays inside this package.
 */
public final class PartitionLog {

  /** Batches removed per transaction: row locks only, far below Derby's 5,000. */
  private static final int DELETE_CHUNK = 100;

  private final long topicId;
  private final TopicPartition topicPartition;
  private final TailCache tail;
  private final BatchStore store;
  private final Consumer<PartitionLog> gapAtEnd;

  private long nextOffset;

  /** Offsets below this are stored or recorded as a gap; the last stable offset never passes it. */
  private long durableEnd;

  private boolean endRecordRequested;
  private volatile long lastStableOffset;
  private volatile long logStartOffset;
  private volatile long sizeInBytes;

  private final TreeSet<Long> unsettled = new TreeSet<>();
  private final List<CompletableFuture<Void>> waiters = new ArrayList<>();
  private volatile boolean closed;

  private final ReentrantLock maintenance = new ReentrantLock();

  private volatile CleanerCheckpoint cleanerCheckpoint;

  /** Its idempotent producers: read and changed by the group-commit writer's thread only. */
  private final ProducerStateManager producers;

  /**
   * @param store where its batches are; {@code null}: a log with nothing to remove (tests)
   * @param gapAtEnd {@code null}: a log whose gaps need no record (tests); else asked (under this
   *     log's monitor, so it only hands the work to another thread) to record {@link
   *     #unrecordedEnd} and then call {@link #endRecorded} or {@link #endRecordFailed}
   */
  PartitionLog(
      long topicId,
      TopicPartition topicPartition,
      long logStartOffset,
      long nextOffset,
      long sizeInBytes,
      long tailCacheLimit,
      TailCacheBudget budget,
      BatchStore store,
      Consumer<PartitionLog> gapAtEnd) {
    this.topicId = topicId;
    this.topicPartition = topicPartition;
    this.logStartOffset = logStartOffset;
    this.cleanerCheckpoint = CleanerCheckpoint.none(logStartOffset);
    this.nextOffset = nextOffset;
    this.durableEnd = gapAtEnd == null ? Long.MAX_VALUE : nextOffset;
    this.lastStableOffset = nextOffset;
    this.sizeInBytes = sizeInBytes;
    this.tail = new TailCache(tailCacheLimit, budget);
    this.store = store;
    this.gapAtEnd = gapAtEnd;
    this.producers = new ProducerStateManager(topicPartition);
  }

  /** Its idempotent producers; for the group-commit writer's thread (and recovery) only. */
  ProducerStateManager producers() {
    return producers;
  }

  long topicId() {
    return topicId;
  }

  TopicPartition topicPartition() {
    return topicPartition;
  }

  long lastStableOffset() {
    return lastStableOffset;
  }

  long logStartOffset() {
    return logStartOffset;
  }

  /** Bytes of the stored batches (Kafka's log size). */
  long sizeInBytes() {
    return sizeInBytes;
  }

  CleanerCheckpoint cleanerCheckpoint() {
    return cleanerCheckpoint;
  }

  void compacted(CleanerCheckpoint checkpoint) {
    cleanerCheckpoint = checkpoint;
  }

  /**
   * Held by each step that changes the stored batches or the log start; {@link LogStartMoves} takes
   * it on several logs at once.
   */
  void lockMaintenance() {
    maintenance.lock();
  }

  void unlockMaintenance() {
    maintenance.unlock();
  }

  /** DeleteRecords' second step: up to {@code maxChunks} chunks of the batches below the start. */
  Removal removeBelowLogStart(int maxChunks) {
    return deleteOldestBatches(RetentionWalk.belowLogStart(logStartOffset), maxChunks);
  }

  /**
   * Removes the oldest batches that the walk lets go, up to {@code maxChunks} chunks of {@value
   * #DELETE_CHUNK}, never the batch holding the last record. For each chunk the log start offset is
   * recorded and moved past it first, so no fetch is sent to a batch that is going; the maintenance
   * lock is held per chunk.
   */
  Removal deleteOldestBatches(RetentionWalk walk, int maxChunks) {
    int partition = topicPartition.partition();
    Removal removed = Removal.NONE;
    long from = Long.MIN_VALUE;
    for (int chunk = 0; chunk < maxChunks; chunk++) {
      maintenance.lock();
      try {
        // One more than a chunk: when no more come, the last is the batch holding the last record.
        List<BatchSummary> page =
            store.summaries(topicId, partition, from, lastStableOffset, DELETE_CHUNK + 1);
        boolean lastPage = page.size() <= DELETE_CHUNK;
        List<BatchSummary> offered =
            page.subList(0, lastPage ? Math.max(0, page.size() - 1) : DELETE_CHUNK);
        List<BatchSummary> doomed = walk.removable(offered);
        if (!doomed.isEmpty()) {
          removed = removed.plus(remove(doomed));
        }
        if (lastPage || doomed.size() < offered.size()) {
          return removed; // the walk stopped, or reached the batch holding the last record
        }
        from = doomed.get(doomed.size() - 1).baseOffset() + 1;
      } finally {
        maintenance.unlock();
      }
    }
    return removed;
  }

  /** Removes consecutive oldest batches, in offset order; the caller holds the maintenance lock. */
  private Removal remove(List<BatchSummary> doomed) {
    BatchSummary last = doomed.get(doomed.size() - 1);
    long newLogStart = Math.max(logStartOffset, last.lastOffset() + 1);
    int partition = topicPartition.partition();
    // Recorded first: whatever fails after, a restart never brings the records back.
    store.saveLogStart(topicId, partition, newLogStart);
    advanceLogStart(newLogStart);
    store.delete(topicId, partition, doomed.get(0).baseOffset(), last.baseOffset());
    Removal removal = Removal.of(doomed);
    removed(removal.bytes());
    return removal;
  }

  /**
   * Stores one page of compacted batches in a transaction of its own: each replaces its old batch,
   * unless DeleteRecords or retention took that one meanwhile.
   */
  Removal replaceCompacted(Map<EncodedBatch, BatchCompaction.Result> changed) {
    if (changed.isEmpty()) {
      return Removal.NONE;
    }
    maintenance.lock();
    try {
      Map<Long, EncodedBatch> replacements = new LinkedHashMap<>();
      changed.forEach(
          (batch, compacted) -> {
            if (batch.lastOffset() >= logStartOffset) {
              replacements.put(batch.baseOffset(), compacted.batch());
            }
          });
      List<Long> stored =
          store.replace(topicId, topicPartition.partition(), replacements, logStartOffset);
      Removal removed = Removal.NONE;
      for (Map.Entry<EncodedBatch, BatchCompaction.Result> change : changed.entrySet()) {
        long baseOffset = change.getKey().baseOffset();
        if (stored.contains(baseOffset)) {
          Removal freed = Removal.compacted(change.getKey(), change.getValue());
          rewritten(baseOffset, freed.bytes());
          removed = removed.plus(freed);
        }
      }
      return removed;
    } finally {
      maintenance.unlock();
    }
  }

  /**
   * Moves the log start offset up to {@code offset} (never down, never past the last stable
   * offset); cached batches wholly below it leave the cache. The caller holds the maintenance lock.
   */
  synchronized void advanceLogStart(long offset) {
    logStartOffset = Math.max(logStartOffset, Math.min(offset, lastStableOffset));
    tail.evictOldestWhile(batch -> batch.lastOffset() < logStartOffset);
  }

  /** Stored batches of {@code bytes} in all were removed. */
  private synchronized void removed(long bytes) {
    sizeInBytes -= bytes;
  }

  /**
   * Compaction rewrote (or removed) the batch at {@code baseOffset}, freeing {@code bytes}. Cached
   * batches up to it leave the cache, which keeps holding every batch from its first on.
   */
  private synchronized void rewritten(long baseOffset, long bytes) {
    sizeInBytes -= bytes;
    tail.evictOldestWhile(batch -> batch.baseOffset() <= baseOffset);
  }

  /**
   * Hands out {@code count} consecutive offsets; the range is unsettled until settled. Offsets end
   * at Long.MAX_VALUE: a range that would pass it is refused and nothing is reserved.
   */
  synchronized long reserve(int count) {
    if (count > Long.MAX_VALUE - nextOffset) {
      throw new TributaryException(
          ErrorCode.KAFKA_STORAGE_ERROR,
          topicPartition
              + " has no offsets left: its next offset is "
              + nextOffset
              + " and offsets end at "
              + Long.MAX_VALUE
              + ", so "
              + count
              + " more records do not fit. Nothing was appended; produce to another partition.");
    }
    long base = nextOffset;
    nextOffset += count;
    unsettled.add(base);
    return base;
  }

  /**
   * The range starting at {@code base} is durable (and committed): its batches join the cache and
   * the last stable offset moves past every settled range.
   *
   * @return the fetches that waited for this data; the caller wakes them (off the writer thread)
   */
  synchronized List<CompletableFuture<Void>> settled(long base, List<EncodedBatch> batches) {
    if (closed) {
      return List.of();
    }
    for (EncodedBatch batch : batches) {
      durableEnd = Math.max(durableEnd, batch.lastOffset() + 1);
      sizeInBytes += batch.bytes().length;
    }
    tail.add(batches);
    return settle(base);
  }

  /** The range starting at {@code base} will never be written (failed or rolled back): a gap. */
  synchronized List<CompletableFuture<Void>> abandoned(long base) {
    return closed ? List.of() : settle(base);
  }

  private List<CompletableFuture<Void>> settle(long base) {
    unsettled.remove(base);
    return advanceLastStableOffset();
  }

  /**
   * Where the last stable offset could be if the gap at the end of the log were recorded, when it
   * is beyond the durable end; see {@link #endRecorded}.
   */
  synchronized OptionalLong unrecordedEnd() {
    long stable = stableOffset();
    return stable > durableEnd ? OptionalLong.of(stable) : OptionalLong.empty();
  }

  /**
   * Offsets below {@code end} are now durably accounted for (a recorded gap at the end): the last
   * stable offset may pass them.
   *
   * @return the fetches that waited for this; the caller wakes them
   */
  synchronized List<CompletableFuture<Void>> endRecorded(long end) {
    endRecordRequested = false;
    durableEnd = Math.max(durableEnd, end);
    return closed ? List.of() : advanceLastStableOffset();
  }

  /** Recording the end failed; the next settled range, or {@link #askAgain}, asks again. */
  synchronized void endRecordFailed() {
    endRecordRequested = false;
  }

  /** Asks again for a gap at the end to be recorded, if one still waits for it. */
  synchronized void askAgain() {
    advanceLastStableOffset();
  }

  private long stableOffset() {
    return unsettled.isEmpty() ? nextOffset : unsettled.first();
  }

  private List<CompletableFuture<Void>> advanceLastStableOffset() {
    long stable = stableOffset();
    if (stable > durableEnd && !endRecordRequested) {
      // Only asks (the recorder works off this thread); the last stable offset waits for the
      // answer.
      endRecordRequested = true;
      gapAtEnd.accept(this);
    }
    stable = Math.min(stable, durableEnd);
    if (stable <= lastStableOffset) {
      return List.of();
    }
    lastStableOffset = stable;
    List<CompletableFuture<Void>> woken = new ArrayList<>(waiters);
    waiters.clear();
    return woken;
  }

  /**
   * Completes when the last stable offset moves beyond {@code offset}; at once if it already has.
   */
  synchronized CompletableFuture<Void> awaitDataBeyond(long offset) {
    if (closed) {
      return CompletableFuture.failedFuture(
          TributaryException.unknownTopic(topicPartition.topic()));
    }
    if (lastStableOffset > offset) {
      return CompletableFuture.completedFuture(null);
    }
    waiters.removeIf(CompletableFuture::isDone);
    CompletableFuture<Void> waiter = new CompletableFuture<>();
    waiters.add(waiter);
    return waiter;
  }

  /**
   * The cached batches from the one holding {@code offset} onwards, or {@code null} when the cache
   * does not reach back that far and the store must be read.
   */
  synchronized List<EncodedBatch> cachedFrom(long offset) {
    return tail.from(offset);
  }

  /** Whether the partition's topic was deleted; appends still queued for it must fail. */
  boolean isClosed() {
    return closed;
  }

  /** Fails every waiting fetch; the partition is going away. */
  void close(RuntimeException reason) {
    List<CompletableFuture<Void>> failed;
    synchronized (this) {
      closed = true;
      failed = new ArrayList<>(waiters);
      waiters.clear();
      tail.clear();
    }
    failed.forEach(waiter -> waiter.completeExceptionally(reason));
  }
}
