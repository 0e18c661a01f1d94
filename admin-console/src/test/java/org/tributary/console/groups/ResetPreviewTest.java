package org.tributary.console.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tributary.errors.TributaryException;

class ResetPreviewTest {

  @Test
  void durationsAreANumberWithAUnitOrIso8601() {
    assertEquals(Duration.ofMinutes(90), ResetPreview.duration("90m"));
    assertEquals(Duration.ofHours(2), ResetPreview.duration("2H"));
    assertEquals(Duration.ofDays(1), ResetPreview.duration("1d"));
    assertEquals(Duration.ofSeconds(5), ResetPreview.duration("5s"));
    assertEquals(Duration.ofMinutes(90), ResetPreview.duration("PT1H30M"));
  }

  @Test
  void otherDurationsAreRefused() {
    assertThrows(TributaryException.class, () -> ResetPreview.duration("soon"));
    assertThrows(TributaryException.class, () -> ResetPreview.duration("99999999999999999999d"));
    assertThrows(TributaryException.class, () -> ResetPreview.duration("1000000000000d"));
    assertThrows(TributaryException.class, () -> ResetPreview.duration("PT-1H"));
  }
}
