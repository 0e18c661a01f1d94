package org.tributary.console.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DeadlineTextTest {

  @Test
  void readsLikeItsTextBeforeTheDeadline() {
    Clock now = Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC);
    DeadlineText text = new DeadlineText("a".repeat(5000) + "hello", now, 1_000);
    for (int i = 0; i < 3 * DeadlineText.CHECK_EVERY; i++) {
      text.charAt(0);
    }
    assertEquals("hello", text.subSequence(5000, 5005).toString());
    assertEquals(5005, text.length());
  }

  @Test
  void stopsOnceTheClockIsPastTheDeadlineWithinOneCheckInterval() {
    Clock late = Clock.fixed(Instant.ofEpochMilli(1_001), ZoneOffset.UTC);
    DeadlineText text = new DeadlineText("abc", late, 1_000);
    assertThrows(
        DeadlineText.Expired.class,
        () -> {
          for (int i = 0; i < DeadlineText.CHECK_EVERY; i++) {
            text.charAt(1);
          }
        });
    DeadlineText part = (DeadlineText) new DeadlineText("abcdef", late, 1_000).subSequence(1, 4);
    assertThrows(
        DeadlineText.Expired.class,
        () -> {
          for (int i = 0; i < DeadlineText.CHECK_EVERY; i++) {
            part.charAt(0);
          }
        },
        "a subsequence keeps the deadline");
  }
}
