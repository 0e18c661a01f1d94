package org.tributary.log;

/**
 * A partition's bounds: the first offset still stored and the offset after the last durable one.
 */
public record PartitionOffsets(int partition, long logStartOffset, long lastStableOffset) {

  /** The nearest offset within {@code [logStartOffset, lastStableOffset]}. */
  public long clamp(long offset) {
    return Math.max(logStartOffset, Math.min(lastStableOffset, offset));
  }
}
