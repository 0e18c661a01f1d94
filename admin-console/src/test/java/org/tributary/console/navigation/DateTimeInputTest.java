package org.tributary.console.navigation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tributary.errors.TributaryException;

class DateTimeInputTest {

  @Test
  void zonesAndOffsetsAreHonouredAndNoZoneMeansUtc() {
    Instant expected = Instant.parse("2026-11-25T18:00:00Z");
    assertEquals(expected, DateTimeInput.parse("2026-11-25T18:00:00Z"));
    assertEquals(expected, DateTimeInput.parse(" 2026-11-25T19:00:00+01:00 "));
    assertEquals(expected, DateTimeInput.parse("2026-11-25T18:00"));
  }

  @Test
  void anythingElseIsRefusedWithAnExample() {
    assertThrows(TributaryException.class, () -> DateTimeInput.parse("yesterday"));
    assertThrows(TributaryException.class, () -> DateTimeInput.parse(null));
    assertThrows(TributaryException.class, () -> DateTimeInput.parse("+999999999-12-31T23:59:59"));
    assertThrows(TributaryException.class, () -> DateTimeInput.parse("1969-12-31T23:59:59Z"));
  }
}
