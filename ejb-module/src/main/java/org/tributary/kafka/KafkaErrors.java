package org.tributary.kafka;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.protocol.Errors;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

/** The one mapping of Tributary's refusals to Kafka's error codes on the wire. */
public final class KafkaErrors {

  private static final Logger LOG = Logger.getLogger(KafkaErrors.class.getName());

  private KafkaErrors() {}

  /** Kafka's error for a failure, with the refusal's message for the client. */
  public static ApiException toApiException(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof ApiException api) {
      return api;
    }
    if (cause instanceof TributaryException refused) {
      return errorOf(refused.code()).exception(refused.getMessage());
    }
    LOG.log(Level.WARNING, "A Kafka request failed unexpectedly", cause);
    return Errors.UNKNOWN_SERVER_ERROR.exception(
        "The broker failed to handle the request; see its log.");
  }

  public static Errors errorOf(Throwable failure) {
    return Errors.forException(toApiException(failure));
  }

  public static Errors errorOf(ErrorCode code) {
    return switch (code) {
      case INVALID_FILTER, INCONSISTENT_SUBSCRIPTION, ILLEGAL_STATE -> Errors.INVALID_REQUEST;
      case OFFSET_RESET_NOT_FOUND, STALE_RESET_PLAN, USER_NOT_FOUND, USER_ALREADY_EXISTS ->
          Errors.INVALID_REQUEST;
      case NO_OFFSET_FOR_PARTITION -> Errors.OFFSET_OUT_OF_RANGE;
      case RECORD_TOO_LARGE -> Errors.MESSAGE_TOO_LARGE;
      default -> Errors.valueOf(code.name());
    };
  }

  public static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
