package org.tributary.log;

import java.time.Clock;
import java.time.Instant;
import org.tributary.log.CleaningRun.Kind;

/** What retention, compaction or DeleteRecords removed from stored batches, summed as they go. */
record Removal(long batches, long rewritten, long records, long bytes) {

  static final Removal NONE = new Removal(0, 0, 0, 0);

  Removal plus(Removal other) {
    return new Removal(
        batches + other.batches,
        rewritten + other.rewritten,
        records + other.records,
        bytes + other.bytes);
  }

  /** The run that began at {@code started} (epoch millis) and ends now. */
  CleaningRun asRun(Kind kind, long started, Clock clock, String by) {
    Instant finished = clock.instant();
    return new CleaningRun(
        kind, finished, finished.toEpochMilli() - started, batches, rewritten, records, bytes, by);
  }
}
