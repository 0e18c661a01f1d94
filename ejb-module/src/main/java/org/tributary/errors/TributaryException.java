package org.tributary.errors;

import jakarta.ejb.ApplicationException;

/**
 * A refused broker operation: a stable {@link ErrorCode} plus a message a person can act on.
 *
 * <p>It is an application exception so that EJB calls pass it through unwrapped; a refused
 * operation has changed nothing, so the container rolls back whatever transaction it ran in.
 */
@ApplicationException(rollback = true)
public class TributaryException extends RuntimeException {

  private final ErrorCode code;

  public TributaryException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public TributaryException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  public static TributaryException unknownTopic(String topic) {
    return new TributaryException(
        ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "Topic '" + topic + "' does not exist.");
  }

  public static TributaryException unknownPartition(String topic, int partition, int count) {
    return new UnknownPartitionException(topic, partition, count);
  }
}
