package org.tributary.log;

/** What retention and compaction need to know of a stored batch, without its bytes. */
record BatchSummary(
    long baseOffset, long lastOffset, long maxTimestamp, int recordCount, int sizeInBytes) {

  static BatchSummary of(Object[] row) {
    return new BatchSummary(
        (Long) row[0], (Long) row[1], (Long) row[2], (Integer) row[3], (Integer) row[4]);
  }
}
