package org.tributary.lease;

import java.util.function.LongSupplier;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

/**
 * The writer lease as this server holds it: its epoch, and until when (on the monotonic clock) this
 * server may acknowledge writes under it. Read by every append, directly rather than through the
 * {@link WriterLease} bean, whose container call would cost more than the read; written only by
 * that bean's start-up and renewal task.
 */
public final class WriterEpoch {

  private static final long NOT_HELD = -1;

  private final LongSupplier nanoTime;
  private volatile long epoch = NOT_HELD;
  private volatile long validUntilNanos;

  WriterEpoch(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /**
   * The epoch this server writes under; refused when it does not hold the lease, or could not renew
   * it in time to be sure that nobody else does.
   */
  public long require() {
    long held = epoch;
    if (held == NOT_HELD || nanoTime.getAsLong() - validUntilNanos > 0) {
      throw new TributaryException(
          ErrorCode.NOT_LEADER_OR_FOLLOWER,
          "This server is not the writer of its database (another server holds the writer"
              + " lease, or it could not be renewed); nothing was appended. Retry, or send to the"
              + " server that writes.");
    }
    return held;
  }

  public boolean isHeld() {
    return epoch != NOT_HELD && nanoTime.getAsLong() - validUntilNanos < 0;
  }

  /** The epoch held, whether or not it is still valid; see {@link #notHeld}. */
  long held() {
    return epoch;
  }

  boolean notHeld() {
    return epoch == NOT_HELD;
  }

  /** The lease was claimed: valid until {@code validUntilNanos}. */
  void hold(long claimed, long validUntilNanos) {
    this.validUntilNanos = validUntilNanos;
    this.epoch = claimed;
  }

  /** The lease was renewed. */
  void extend(long validUntilNanos) {
    this.validUntilNanos = validUntilNanos;
  }

  /** The lease was lost or released: every later write is refused. */
  void drop() {
    epoch = NOT_HELD;
  }
}
