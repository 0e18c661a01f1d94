package org.tributary.api;

/**
 * A refused operation: {@link #code()} is Kafka's name of the error (for example {@code
 * UNKNOWN_TOPIC_OR_PARTITION}, {@code RECORD_TOO_LARGE}), the message says what to do.
 */
public class TributaryClientException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String code;

  public TributaryClientException(String code, String message) {
    super(message);
    this.code = code;
  }

  public TributaryClientException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
