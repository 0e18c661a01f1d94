package org.tributary.log;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicPartition;

/**
 * The in-memory state of one partition: offsets, a bounded cache of the newest batches, and the
 * fetches waiting for data.
 *
 * <p>Thread safety: {@code nextOffset} belongs to the single group-commit writer thread; the high
 * watermark and log start offset are volatile so that readers see them without a lock; the tail
 * cache and the waiters are guarded by this object's monitor, held only for in-memory work.
 */
final class PartitionLog {

  private final long topicId;
  private final TopicPartition topicPartition;
  private final long tailCacheLimit;
  private final TailCacheBudget budget;

  private long nextOffset;
  private volatile long highWatermark;
  private volatile long logStartOffset;
  private volatile long sizeInBytes;

  private final ArrayDeque<EncodedBatch> tail = new ArrayDeque<>();
  private long tailBytes;
  private final List<CompletableFuture<Void>> waiters = new ArrayList<>();
  private volatile boolean closed;

  PartitionLog(
      long topicId,
      TopicPartition topicPartition,
      long logStartOffset,
      long nextOffset,
      long sizeInBytes,
      long tailCacheLimit,
      TailCacheBudget budget) {
    this.topicId = topicId;
    this.topicPartition = topicPartition;
    this.logStartOffset = logStartOffset;
    this.nextOffset = nextOffset;
    this.highWatermark = nextOffset;
    this.sizeInBytes = sizeInBytes;
    this.tailCacheLimit = tailCacheLimit;
    this.budget = budget;
  }

  long topicId() {
    return topicId;
  }

  TopicPartition topicPartition() {
    return topicPartition;
  }

  long highWatermark() {
    return highWatermark;
  }

  long logStartOffset() {
    return logStartOffset;
  }

  /** Bytes of the stored batches (Kafka's log size). */
  long sizeInBytes() {
    return sizeInBytes;
  }

  /** Writer thread only: hands out the next offset. */
  long assignOffset() {
    return nextOffset++;
  }

  /**
   * Called once batches are durable: caches them and advances the high watermark past them.
   *
   * @return the fetches that waited for this data; the caller wakes them (off the writer thread)
   */
  List<CompletableFuture<Void>> appended(List<EncodedBatch> batches) {
    synchronized (this) {
      if (closed) {
        return List.of();
      }
      long added = 0;
      for (EncodedBatch batch : batches) {
        added += batch.bytes().length;
        tail.addLast(batch);
        tailBytes += batch.bytes().length;
        budget.add(batch.bytes().length);
      }
      while ((tailBytes > tailCacheLimit || budget.exceeded()) && tail.size() > 1) {
        int evicted = tail.removeFirst().bytes().length;
        tailBytes -= evicted;
        budget.release(evicted);
      }
      highWatermark = batches.get(batches.size() - 1).lastOffset() + 1;
      sizeInBytes += added;
      List<CompletableFuture<Void>> woken = new ArrayList<>(waiters);
      waiters.clear();
      return woken;
    }
  }

  /** Completes when the high watermark moves beyond {@code offset}; at once if it already has. */
  synchronized CompletableFuture<Void> awaitDataBeyond(long offset) {
    if (closed) {
      return CompletableFuture.failedFuture(
          TributaryException.unknownTopic(topicPartition.topic()));
    }
    if (highWatermark > offset) {
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
    EncodedBatch oldest = tail.peekFirst();
    if (oldest == null || oldest.baseOffset() > offset) {
      return null;
    }
    ArrayDeque<EncodedBatch> batches = new ArrayDeque<>();
    Iterator<EncodedBatch> newestFirst = tail.descendingIterator();
    while (newestFirst.hasNext()) {
      EncodedBatch batch = newestFirst.next();
      if (batch.lastOffset() < offset) {
        break;
      }
      batches.addFirst(batch);
    }
    return new ArrayList<>(batches);
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
      budget.release(tailBytes);
      tailBytes = 0;
    }
    failed.forEach(waiter -> waiter.completeExceptionally(reason));
  }
}
