package org.tributary.errors;

/** UNKNOWN_TOPIC_OR_PARTITION where the topic exists but the partition does not. */
public class UnknownPartitionException extends TributaryException {

  public UnknownPartitionException(String topic, int partition, int count) {
    super(
        ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
        "Topic '"
            + topic
            + "' has no partition "
            + partition
            + "; its partitions are 0.."
            + (count - 1)
            + ".");
  }
}
