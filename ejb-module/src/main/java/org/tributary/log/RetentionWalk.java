package org.tributary.log;

import java.util.ArrayList;
import java.util.List;

/**
 * Kafka's delete policy over stored batches, oldest first: a batch goes when it lies wholly below
 * the log start offset, when its newest record is older than {@code retention.ms}, or when the
 * partition would still hold at least {@code retention.bytes} without it. The walk stops at the
 * first batch that stays, so a log only ever loses a prefix. The caller never offers the batch
 * holding the last record.
 */
final class RetentionWalk {

  private final long logStartOffset;
  private final long expiredBefore;
  private final long retentionBytes;
  private long size;

  /**
   * @param retentionMs {@code -1}: no time limit
   * @param retentionBytes {@code -1}: no size limit
   * @param size the partition's stored bytes now
   */
  RetentionWalk(long logStartOffset, long retentionMs, long retentionBytes, long size, long now) {
    this.logStartOffset = logStartOffset;
    this.expiredBefore = retentionMs < 0 ? Long.MIN_VALUE : now - retentionMs;
    this.retentionBytes = retentionBytes;
    this.size = size;
  }

  /** Only what lies below the log start offset (DeleteRecords, or a policy without delete). */
  static RetentionWalk belowLogStart(long logStartOffset) {
    return new RetentionWalk(logStartOffset, -1, -1, 0, 0);
  }

  /** The batches that go, from the oldest: those before the first that stays. */
  List<BatchSummary> removable(List<BatchSummary> oldestFirst) {
    List<BatchSummary> removable = new ArrayList<>();
    for (BatchSummary batch : oldestFirst) {
      if (!removes(batch)) {
        break;
      }
      removable.add(batch);
    }
    return removable;
  }

  /** Whether the next oldest batch goes; once it answers false, the walk is over. */
  boolean removes(BatchSummary batch) {
    boolean goes =
        batch.lastOffset() < logStartOffset
            || batch.maxTimestamp() < expiredBefore
            || (retentionBytes >= 0 && size - batch.sizeInBytes() >= retentionBytes);
    if (goes) {
      size -= batch.sizeInBytes();
    }
    return goes;
  }
}
