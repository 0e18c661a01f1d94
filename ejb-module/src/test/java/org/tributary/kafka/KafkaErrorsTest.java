package org.tributary.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

class KafkaErrorsTest {

  @Test
  void everyRefusalHasAKafkaErrorOtherThanTheUnknownOne() {
    for (ErrorCode code : ErrorCode.values()) {
      assertNotEquals(Errors.UNKNOWN_SERVER_ERROR, KafkaErrors.errorOf(code), code::name);
    }
  }

  @Test
  void aRefusalKeepsItsCodeAndMessageThroughCompletionWrappers() {
    ApiException mapped =
        KafkaErrors.toApiException(
            new CompletionException(
                new TributaryException(ErrorCode.RECORD_TOO_LARGE, "too large: 2 MiB")));
    assertEquals(Errors.MESSAGE_TOO_LARGE, Errors.forException(mapped));
    assertEquals("too large: 2 MiB", mapped.getMessage());
  }

  @Test
  void anUnexpectedFailureIsAnUnknownServerErrorWithoutItsInternals() {
    ApiException mapped = KafkaErrors.toApiException(new IllegalStateException("secret internals"));
    assertEquals(Errors.UNKNOWN_SERVER_ERROR, Errors.forException(mapped));
    assertEquals("The broker failed to handle the request; see its log.", mapped.getMessage());
  }
}
