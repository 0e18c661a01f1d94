package org.tributary.log;

/**
 * One batch an idempotent producer appended (Kafka's {@code BatchMetadata}): its sequence range and
 * where it landed. A batch staged in a commit learns its offsets when the writer assigns them,
 * which is before anyone reads them (a duplicate in the same commit is answered after the commit).
 */
final class BatchMetadata {

  private final int firstSequence;
  private final int lastSequence;
  private final int offsetDelta;
  private final long timestamp;
  private long lastOffset;

  BatchMetadata(
      int firstSequence, int lastSequence, int offsetDelta, long lastOffset, long timestamp) {
    this.firstSequence = firstSequence;
    this.lastSequence = lastSequence;
    this.offsetDelta = offsetDelta;
    this.lastOffset = lastOffset;
    this.timestamp = timestamp;
  }

  int firstSequence() {
    return firstSequence;
  }

  int lastSequence() {
    return lastSequence;
  }

  long baseOffset() {
    return lastOffset - offsetDelta;
  }

  long lastOffset() {
    return lastOffset;
  }

  long timestamp() {
    return timestamp;
  }

  /** The writer assigned the batch's offsets. */
  void assigned(long baseOffset) {
    lastOffset = baseOffset + offsetDelta;
  }
}
