package org.tributary.log;

/**
 * Where the last compaction left a partition's log (Kafka's cleaner checkpoint and more).
 *
 * @param cleanedUpTo where the records written since the last compaction start
 * @param tombstoneHorizon the earliest time a kept tombstone may go ({@code Long.MAX_VALUE}: none
 *     known)
 * @param atLastStableOffset the last stable offset when the last compaction ended ({@code -1}: none
 *     since start, or that one was cut short)
 */
record CleanerCheckpoint(long cleanedUpTo, long tombstoneHorizon, long atLastStableOffset) {

  /** No compaction yet: all of the log is dirty. */
  static CleanerCheckpoint none(long logStartOffset) {
    return new CleanerCheckpoint(logStartOffset, Long.MAX_VALUE, -1);
  }

  /** Whether nothing arrived since the last compaction and no kept tombstone is due. */
  boolean nothingToCompact(long lastStableOffset, long now) {
    return lastStableOffset == atLastStableOffset && tombstoneHorizon > now;
  }
}
