package org.tributary.log;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When {@link LogCleanup}'s next retention check and compaction run are due, on monotonic time
 * ({@code nanoTime}): a wall clock set back does not hold them off, one set forward does not bring
 * them on. Used from the scheduler's tick only, one at a time.
 */
final class CleanupSchedule {

  private final LongSupplier nanoTime;
  private final long retentionIntervalNanos;
  private final long compactionBackoffNanos;
  private final boolean compactionEnabled;
  private long nextRetention;
  private long nextCompaction;

  /**
   * The first runs come after the initial delay, or after one interval if that is shorter.
   *
   * @param compactionEnabled Kafka's {@code log.cleaner.enable}
   */
  CleanupSchedule(
      LongSupplier nanoTime,
      Duration initialDelay,
      Duration retentionCheckInterval,
      Duration compactionBackoff,
      boolean compactionEnabled) {
    this.nanoTime = nanoTime;
    this.compactionEnabled = compactionEnabled;
    this.retentionIntervalNanos = retentionCheckInterval.toNanos();
    this.compactionBackoffNanos = compactionBackoff.toNanos();
    long now = nanoTime.getAsLong();
    nextRetention = now + Math.min(initialDelay.toNanos(), retentionIntervalNanos);
    nextCompaction = now + Math.min(initialDelay.toNanos(), compactionBackoffNanos);
  }

  /**
   * One tick: runs the retention check, then the compaction run, each if it is due. A failure
   * leaves the rest for the next tick.
   */
  void runDue(Runnable retention, Runnable compaction) {
    if (retentionDue()) {
      retention.run();
    }
    if (compactionEnabled && compactionDue()) {
      compaction.run();
      compactionDone();
    }
  }

  /** Whether the retention check is due; if so, the next one comes an interval from now. */
  boolean retentionDue() {
    long now = nanoTime.getAsLong();
    if (now - nextRetention < 0) {
      return false;
    }
    nextRetention = now + retentionIntervalNanos;
    return true;
  }

  boolean compactionDue() {
    return nanoTime.getAsLong() - nextCompaction >= 0;
  }

  /** A compaction run ended: the next waits the backoff from now. */
  void compactionDone() {
    nextCompaction = nanoTime.getAsLong() + compactionBackoffNanos;
  }
}
