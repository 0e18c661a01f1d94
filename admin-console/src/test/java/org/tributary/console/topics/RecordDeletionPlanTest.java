package org.tributary.console.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tributary.console.topics.TopicSummary.PartitionSummary;
import org.tributary.topic.TopicConfig;
import org.tributary.topic.TopicMetadata;

class RecordDeletionPlanTest {

  /** Partition 0 holds offsets 0..9, partition 1 holds 5..7, partition 2 is empty. */
  private static final TopicSummary ORDERS =
      new TopicSummary(
          new TopicMetadata(1, "orders", 3, TopicConfig.defaults(), Instant.EPOCH),
          List.of(
              new PartitionSummary(0, 0, 10, 1000),
              new PartitionSummary(1, 5, 8, 300),
              new PartitionSummary(2, 0, 0, 0)));

  @Test
  void anEmptyOffsetPinsEachPartitionsHighWatermarkOfNow() {
    RecordDeletionPlan plan = RecordDeletionPlan.of(ORDERS, null, null);

    assertEquals(Map.of(0, 10L, 1, 8L, 2, 0L), plan.beforeOffsets());
    assertEquals(13, plan.unreadableRecords());
    assertEquals(
        List.of(
            "offsets 0 to 9 (10 records)",
            "offsets 5 to 7 (3 records)",
            "nothing: the log" + " already starts at 0"),
        plan.lines().stream().map(RecordDeletionPlan.Line::unreadable).toList());
    assertFalse(plan.isPastHighWatermark());
  }

  @Test
  void oneChosenPartitionIsTheOnlyOneInThePlan() {
    RecordDeletionPlan plan = RecordDeletionPlan.of(ORDERS, 1, 6L);

    assertEquals(Map.of(1, 6L), plan.beforeOffsets());
    assertEquals("offsets 5 to 5 (1 record)", plan.lines().get(0).unreadable());
  }

  @Test
  void anOffsetAtOrBelowTheLogStartMakesNothingUnreadable() {
    RecordDeletionPlan plan = RecordDeletionPlan.of(ORDERS, 1, 3L);

    assertEquals(0, plan.unreadableRecords());
    assertEquals("nothing: the log already starts at 5", plan.lines().get(0).unreadable());
  }

  @Test
  void anOffsetPastAHighWatermarkIsShownAsSuchAndStillSentForTheBrokerToJudge() {
    RecordDeletionPlan plan = RecordDeletionPlan.of(ORDERS, null, 9L);

    assertTrue(plan.isPastHighWatermark());
    assertEquals(Map.of(0, 9L, 1, 9L, 2, 9L), plan.beforeOffsets());
    assertEquals("offsets 0 to 8 (9 records)", plan.lines().get(0).unreadable());
    assertEquals("none: 9 is past the high watermark 8", plan.lines().get(1).unreadable());
  }
}
