package org.tributary.topic;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tributary.testing.Refusals.assertRefused;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

class TopicNameTest {

  @ParameterizedTest
  @ValueSource(strings = {"orders", "a", "A.b_c-9", "...", "x.."})
  void legalNamesAreAccepted(String name) {
    assertDoesNotThrow(() -> TopicName.validate(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "with space", "slash/name", "ümlaut", "semi;colon"})
  void illegalNamesAreRefusedAsInvalidTopic(String name) {
    assertRefused(ErrorCode.INVALID_TOPIC_EXCEPTION, () -> TopicName.validate(name));
  }

  @Test
  void namesUpTo249CharactersAreLegal() {
    assertDoesNotThrow(() -> TopicName.validate("x".repeat(249)));
    assertThrows(TributaryException.class, () -> TopicName.validate("x".repeat(250)));
  }

  @Test
  void nullIsRefused() {
    assertThrows(TributaryException.class, () -> TopicName.validate(null));
  }
}
