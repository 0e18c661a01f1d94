package org.tributary.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The trail's retention: entries older than the retention go, in bounded chunks (each its own short
 * transaction), at most {@value #MAX_CHUNKS} chunks a run; the next run takes the rest. A negative
 * retention keeps entries for ever (as Kafka's {@code retention.ms=-1}).
 */
final class AuditPurge {

  static final int CHUNK = 500;
  static final int MAX_CHUNKS = 20;

  /** Removes up to {@code max} of the oldest entries before {@code cutoff}; returns how many. */
  interface Chunks {
    int removeOldest(Instant cutoff, int max);
  }

  private final Chunks chunks;
  private final Duration retention;
  private final Clock clock;

  AuditPurge(Chunks chunks, Duration retention, Clock clock) {
    this.chunks = chunks;
    this.retention = retention;
    this.clock = clock;
  }

  /** Entries at or after this instant stay; null when entries are kept for ever. */
  Instant cutoff() {
    return retention.isNegative() ? null : clock.instant().minus(retention);
  }

  /** One run: returns the entries removed. */
  int run() {
    Instant cutoff = cutoff();
    if (cutoff == null) {
      return 0;
    }
    int removed = 0;
    for (int chunk = 0; chunk < MAX_CHUNKS; chunk++) {
      int now = chunks.removeOldest(cutoff, CHUNK);
      removed += now;
      if (now < CHUNK) {
        break;
      }
    }
    return removed;
  }
}
