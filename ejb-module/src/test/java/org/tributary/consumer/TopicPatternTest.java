package org.tributary.consumer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.testing.Refusals.assertRefused;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;

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
      assertRefused(ErrorCode.INVALID_REQUEST, () -> TopicPattern.compile(bad));
    }
  }
}
