package org.tributary.log;

import java.time.Instant;

/**
 * What one retention run, compaction run or DeleteRecords did to a topic, over all its partitions.
 *
 * @param batchesRewritten batches that compaction wrote again with fewer records
 * @param by who asked for it (DeleteRecords), or {@code null} for the scheduled job
 */
public record CleaningRun(
    Kind kind,
    Instant finishedAt,
    long tookMillis,
    long batchesRemoved,
    long batchesRewritten,
    long recordsRemoved,
    long bytesRemoved,
    String by) {

  /** Why records went; also the {@code reason} tag of the removal metrics. */
  public enum Kind {
    RETENTION,
    COMPACTION,
    DELETE_RECORDS;

    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  boolean removedAnything() {
    return batchesRemoved > 0 || batchesRewritten > 0 || recordsRemoved > 0;
  }
}
