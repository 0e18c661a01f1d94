package org.tributary.log;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The newest batches of one partition, so that fetches near the end of the log skip the store. It
 * holds every settled batch from its first on (a batch older than its first stays out), within its
 * own limit and the budget all partitions share, and keeps at least its newest batch. Not
 * thread-safe: its {@link PartitionLog}'s monitor guards it.
 */
final class TailCache {

  private final long limit;
  private final TailCacheBudget budget;
  private final TreeMap<Long, EncodedBatch> batches = new TreeMap<>();
  private long bytes;

  TailCache(long limit, TailCacheBudget budget) {
    this.limit = limit;
    this.budget = budget;
  }

  /** Adds settled batches; the oldest leave while the cache is over its limit or the budget. */
  void add(List<EncodedBatch> settled) {
    for (EncodedBatch batch : settled) {
      if (batches.isEmpty() || batch.baseOffset() > batches.firstKey()) {
        batches.put(batch.baseOffset(), batch);
        bytes += batch.bytes().length;
        budget.add(batch.bytes().length);
      }
    }
    evictOldestWhile(oldest -> (bytes > limit || budget.exceeded()) && batches.size() > 1);
  }

  void evictOldestWhile(Predicate<EncodedBatch> stale) {
    while (!batches.isEmpty() && stale.test(batches.firstEntry().getValue())) {
      int evicted = batches.pollFirstEntry().getValue().bytes().length;
      bytes -= evicted;
      budget.release(evicted);
    }
  }

  /**
   * The batches from the one holding {@code offset} onwards, or {@code null} when the cache does
   * not reach back that far.
   */
  List<EncodedBatch> from(long offset) {
    if (batches.isEmpty() || batches.firstKey() > offset) {
      return null;
    }
    return new ArrayList<>(batches.tailMap(batches.floorKey(offset), true).values());
  }

  /** Empties the cache and gives its bytes back to the budget. */
  void clear() {
    batches.clear();
    budget.release(bytes);
    bytes = 0;
  }
}
