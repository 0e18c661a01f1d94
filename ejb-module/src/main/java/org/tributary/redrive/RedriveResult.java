package org.tributary.redrive;

/**
 * What a redrive did with one record of a dead-letter topic: sent it back ({@code target*} say
 * where it went) or skipped it ({@code reason} says why; nothing was sent).
 */
public record RedriveResult(
    String deadLetterTopic,
    int partition,
    long offset,
    boolean sent,
    String targetTopic,
    Integer targetPartition,
    Long targetOffset,
    String reason) {

  static RedriveResult sent(
      String deadLetterTopic,
      int partition,
      long offset,
      String targetTopic,
      int targetPartition,
      long targetOffset) {
    return new RedriveResult(
        deadLetterTopic, partition, offset, true, targetTopic, targetPartition, targetOffset, null);
  }

  static RedriveResult skipped(String deadLetterTopic, int partition, long offset, String reason) {
    return new RedriveResult(deadLetterTopic, partition, offset, false, null, null, null, reason);
  }
}
