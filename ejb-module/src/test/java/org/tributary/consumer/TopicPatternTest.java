package org.tributary.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

class TopicPatternTest {

  @Test
  void matchesWholeTopicNamesOnly() {
    TopicPattern orders = TopicPattern.compile("orders-.*");

    assertTrue(orders.matches("orders-eu"));
    assertFalse(orders.matches("old-orders-eu"));
  }

  @Test
  void aCatastrophicallyBacktrackingPatternGivesUpInsteadOfHangingTheConsumer() {
    TopicPattern evil = TopicPattern.compile("(.*a){12}x");
    String name = "a".repeat(200);

    assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertFalse(evil.matches(name)));
  }

  @Test
  void invalidEmptyAndOverlongPatternsAreRefused() {
    for (String bad : new String[] {"(", "", "a".repeat(TopicPattern.MAX_LENGTH + 1)}) {
      TributaryException refused =
          assertThrows(TributaryException.class, () -> TopicPattern.compile(bad));
      assertEquals(ErrorCode.INVALID_REQUEST, refused.code());
    }
  }
}
