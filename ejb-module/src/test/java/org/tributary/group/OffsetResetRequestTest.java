package org.tributary.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

class OffsetResetRequestTest {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final Function<Instant, OptionalLong> NO_TIMESTAMPS = time -> OptionalLong.empty();

  private static OffsetResetRequest request(
      OffsetResetScenario strategy, Long offset, Instant datetime, Duration duration, Long shift) {
    return new OffsetResetRequest(strategy, "orders", null, offset, datetime, duration, shift);
  }

  @Test
  void earliestAndLatestAreTheLogBounds() {
    assertEquals(
        5,
        request(OffsetResetScenario.TO_EARLIEST, null, null, null, null)
            .target(7L, 5, 20, NO_TIMESTAMPS, NOW));
    assertEquals(
        20,
        request(OffsetResetScenario.TO_LATEST, null, null, null, null)
            .target(7L, 5, 20, NO_TIMESTAMPS, NOW));
  }

  @Test
  void anOffsetOutsideTheLogIsClampedToItsBounds() {
    OffsetResetRequest beyond = request(OffsetResetScenario.TO_OFFSET, 100L, null, null, null);
    OffsetResetRequest before = request(OffsetResetScenario.TO_OFFSET, 2L, null, null, null);
    OffsetResetRequest within = request(OffsetResetScenario.TO_OFFSET, 12L, null, null, null);

    assertEquals(20, beyond.target(null, 5, 20, NO_TIMESTAMPS, NOW));
    assertEquals(5, before.target(null, 5, 20, NO_TIMESTAMPS, NOW));
    assertEquals(12, within.target(null, 5, 20, NO_TIMESTAMPS, NOW));
  }

  @Test
  void shiftMovesFromTheCommittedOffsetOrTheLogStartAndIsClamped() {
    OffsetResetRequest back = request(OffsetResetScenario.SHIFT_BY, null, null, null, -3L);
    OffsetResetRequest far =
        request(OffsetResetScenario.SHIFT_BY, null, null, null, Long.MAX_VALUE);

    assertEquals(7, back.target(10L, 5, 20, NO_TIMESTAMPS, NOW));
    assertEquals(5, back.target(6L, 5, 20, NO_TIMESTAMPS, NOW));
    assertEquals(5, back.target(null, 5, 20, NO_TIMESTAMPS, NOW));
    assertEquals(20, far.target(10L, 5, 20, NO_TIMESTAMPS, NOW), "no overflow");
  }

  @Test
  void datetimeAndDurationUseTheFirstOffsetAtOrAfterTheTimeOrTheEnd() {
    Instant datetime = Instant.parse("2026-11-25T10:00:00Z");
    Function<Instant, OptionalLong> timestamps =
        time -> time.equals(datetime) ? OptionalLong.of(9) : OptionalLong.empty();

    assertEquals(
        9,
        request(OffsetResetScenario.TO_DATETIME, null, datetime, null, null)
            .target(null, 5, 20, timestamps, NOW));
    assertEquals(
        9,
        request(OffsetResetScenario.BY_DURATION, null, null, Duration.ofHours(2), null)
            .target(null, 5, 20, timestamps, NOW));
    assertEquals(
        20,
        request(OffsetResetScenario.BY_DURATION, null, null, Duration.ofMinutes(1), null)
            .target(null, 5, 20, timestamps, NOW));
  }

  @Test
  void eachStrategyNeedsItsArgument() {
    for (OffsetResetScenario strategy :
        new OffsetResetScenario[] {
          OffsetResetScenario.TO_OFFSET,
          OffsetResetScenario.TO_DATETIME,
          OffsetResetScenario.BY_DURATION,
          OffsetResetScenario.SHIFT_BY
        }) {
      TributaryException refused =
          assertThrows(TributaryException.class, () -> request(strategy, null, null, null, null));
      assertEquals(ErrorCode.INVALID_REQUEST, refused.code(), strategy.label());
    }
  }

  @Test
  void unknownStrategiesAndNegativeOffsetsAreRefused() {
    assertThrows(TributaryException.class, () -> OffsetResetScenario.parse("to-somewhere"));
    assertEquals(OffsetResetScenario.SHIFT_BY, OffsetResetScenario.parse("shift-by"));
    assertThrows(
        TributaryException.class,
        () -> request(OffsetResetScenario.TO_OFFSET, -1L, null, null, null));
  }
}
