package org.tributary.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CleanupScheduleTest {

  /** Monotonic time the test moves, close to nanoTime's wrap-around. */
  private long nanos = Long.MAX_VALUE - Duration.ofSeconds(20).toNanos();

  private void passes(Duration time) {
    nanos += time.toNanos();
  }

  private final CleanupSchedule schedule =
      new CleanupSchedule(
          () -> nanos, Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(15), true);

  @Test
  void theFirstRunsComeAfterTheInitialDelayOrOneIntervalIfShorter() {
    passes(Duration.ofSeconds(14));
    assertFalse(schedule.compactionDue());
    passes(Duration.ofSeconds(1));
    assertTrue(schedule.compactionDue());
    assertFalse(schedule.retentionDue());
    passes(Duration.ofSeconds(15));
    assertTrue(schedule.retentionDue());
    assertFalse(schedule.retentionDue(), "the next one an interval later");
  }

  @Test
  void runsComeEveryIntervalAcrossTheWrapOfNanoTime() {
    passes(Duration.ofSeconds(30));
    assertTrue(schedule.retentionDue());
    schedule.compactionDone();
    passes(Duration.ofSeconds(14));
    assertFalse(schedule.compactionDue());
    passes(Duration.ofSeconds(1));
    assertTrue(schedule.compactionDue(), "15 s after the last run ended");
    passes(Duration.ofSeconds(284));
    assertFalse(schedule.retentionDue());
    passes(Duration.ofSeconds(1));
    assertTrue(schedule.retentionDue(), "5 minutes after the last check");
  }

  @Test
  void aTickRunsRetentionAndThenCompactionEachWhenItIsDue() {
    List<String> ran = new ArrayList<>();
    passes(Duration.ofSeconds(15));
    schedule.runDue(() -> ran.add("retention"), () -> ran.add("compaction"));
    assertEquals(List.of("compaction"), ran);
    passes(Duration.ofSeconds(15));
    schedule.runDue(() -> ran.add("retention"), () -> ran.add("compaction"));
    assertEquals(List.of("compaction", "retention", "compaction"), ran);
    schedule.runDue(() -> ran.add("retention"), () -> ran.add("compaction"));
    assertEquals(3, ran.size(), "neither is due again yet");
  }

  @Test
  void compactionNeverRunsWhenTheCleanerIsDisabled() {
    CleanupSchedule disabled =
        new CleanupSchedule(
            () -> nanos, Duration.ZERO, Duration.ofMinutes(5), Duration.ofSeconds(15), false);
    List<String> ran = new ArrayList<>();
    passes(Duration.ofHours(1));
    disabled.runDue(() -> ran.add("retention"), () -> ran.add("compaction"));
    assertEquals(List.of("retention"), ran);
  }

  @Test
  void aFailedRetentionCheckLeavesCompactionForTheNextTick() {
    passes(Duration.ofSeconds(30));
    assertThrows(
        IllegalStateException.class,
        () ->
            schedule.runDue(
                () -> {
                  throw new IllegalStateException("database down");
                },
                () -> {}));
    assertTrue(schedule.compactionDue());
  }
}
