package org.tributary.log;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.tributary.log.CleaningRun.Kind;

/** What retention, compaction or DeleteRecords removed from stored batches, summed as they go. */
record Removal(long batches, long rewritten, long records, long bytes) {

  static final Removal NONE = new Removal(0, 0, 0, 0);

  /** Whole batches removed. */
  static Removal of(List<BatchSummary> removed) {
    long records = 0;
    long bytes = 0;
    for (BatchSummary batch : removed) {
      records += batch.recordCount();
      bytes += batch.sizeInBytes();
    }
    return new Removal(removed.size(), 0, records, bytes);
  }

  /** A batch that compaction rewrote, or removed when nothing in it survived. */
  static Removal compacted(EncodedBatch old, BatchCompaction.Result result) {
    EncodedBatch kept = result.batch();
    return kept == null
        ? new Removal(1, 0, result.recordsRemoved(), old.bytes().length)
        : new Removal(0, 1, result.recordsRemoved(), old.bytes().length - kept.bytes().length);
  }

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
