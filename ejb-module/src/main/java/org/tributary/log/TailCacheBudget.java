package org.tributary.log;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes all partitions' tail caches may hold together, so that many partitions cannot add up to
 * more memory than configured. A partition over the budget evicts its own oldest batches, keeping
 * at least its newest one.
 */
final class TailCacheBudget {

  private final long limit;
  private final AtomicLong used = new AtomicLong();

  TailCacheBudget(long limit) {
    this.limit = limit;
  }

  void add(long bytes) {
    used.addAndGet(bytes);
  }

  void release(long bytes) {
    used.addAndGet(-bytes);
  }

  boolean exceeded() {
    return used.get() > limit;
  }

  long used() {
    return used.get();
  }
}
