package org.tributary.security;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the password hashing that sign-ins may cause, so that guessing cannot take every core: at
 * most {@code permits} hashes at once, and of those at most one for callers that {@link
 * LoginThrottle} throttles. A throttled caller finding its one permit taken is answered at once;
 * any other caller waits up to {@value #WAIT_MILLIS} ms for a permit. Neither queues any longer, so
 * a flood of guesses holds no request threads.
 */
final class HashingLimit {

  private static final long WAIT_MILLIS = 1000;

  private final Semaphore all;
  private final Semaphore throttled = new Semaphore(1);

  HashingLimit(int permits) {
    all = new Semaphore(permits);
  }

  /** A permit to hash, to be closed after; empty when none is free soon enough. */
  Optional<Permit> acquire(boolean forThrottledCaller) {
    if (forThrottledCaller && !throttled.tryAcquire()) {
      return Optional.empty();
    }
    boolean acquired;
    try {
      acquired = all.tryAcquire(forThrottledCaller ? 0 : WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    if (!acquired) {
      if (forThrottledCaller) {
        throttled.release();
      }
      return Optional.empty();
    }
    return Optional.of(new Permit(forThrottledCaller));
  }

  /** Held while hashing. */
  final class Permit implements AutoCloseable {
    private final boolean forThrottledCaller;

    private Permit(boolean forThrottledCaller) {
      this.forThrottledCaller = forThrottledCaller;
    }

    @Override
    public void close() {
      all.release();
      if (forThrottledCaller) {
        throttled.release();
      }
    }
  }
}
