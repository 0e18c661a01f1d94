package org.tributary.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.group.GroupFixture.WALL;
import static org.tributary.testing.Refusals.assertRefused;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.topic.TopicPartition;

class OffsetResetsTest {

  private static final TopicPartition P0 = new TopicPartition("orders", 0);
  private static final TopicPartition P1 = new TopicPartition("orders", 1);

  private final GroupFixture fixture = new GroupFixture();
  private final GroupFakes.Resets audit = new GroupFakes.Resets(fixture.offsets);
  private final OffsetResets resets = fixture.resets(audit);
  private final GroupCoordinator coordinator = fixture.coordinator;

  OffsetResetsTest() {
    fixture.topics.put("orders", 2);
    fixture.offsets.commit("billing", Map.of(P0, new OffsetAndMetadata(4, null, WALL)));
  }

  private static OffsetResetRequest request(OffsetResetScenario strategy, Long shift) {
    return new OffsetResetRequest(strategy, "orders", null, null, null, Duration.ofHours(1), shift);
  }

  @Test
  void aDryRunShowsThePlanAndChangesNothing() {
    OffsetReset plan =
        resets.resetOffsets("billing", request(OffsetResetScenario.TO_LATEST, null), true, "ops");

    assertTrue(plan.dryRun());
    assertNull(plan.id());
    assertEquals(
        List.of(
            new PartitionReset("orders", 0, 4L, 10L), new PartitionReset("orders", 1, null, 10L)),
        plan.partitions());
    assertEquals(4L, fixture.offsets.committedOffset("billing", P0));
    assertTrue(audit.executed.isEmpty());
  }

  @Test
  void anExecutedResetWritesTheOffsetsWithItsAuditAndKeepsNoGroupInMemory() {
    OffsetReset done =
        resets.resetOffsets("billing", request(OffsetResetScenario.SHIFT_BY, -3L), false, "ops");

    assertEquals(1L, done.id());
    assertEquals(WALL, done.executedAt());
    assertEquals(1L, fixture.offsets.committedOffset("billing", P0), "4 shifted by -3");
    assertEquals(
        0L,
        fixture.offsets.committedOffset("billing", P1),
        "no commit: shifted from the log start, clamped");
    assertEquals("reset by ops", fixture.offsets.committed("billing").get(P0).metadata());
    assertEquals(List.of(done), resets.offsetResets("billing", 10));
    assertEquals(0, fixture.groups.size(), "a reset does not make a group");
  }

  @Test
  void aResetIsRefusedWhileTheGroupHasMembersButADryRunIsNot() {
    coordinator.join(
        "billing", null, "c", Set.of("orders"), Duration.ofSeconds(10), RangeAssignor.NAME);
    OffsetResetRequest toEarliest = request(OffsetResetScenario.TO_EARLIEST, null);

    assertRefused(
        ErrorCode.NON_EMPTY_GROUP, () -> resets.resetOffsets("billing", toEarliest, false, "ops"));
    assertEquals(4L, fixture.offsets.committedOffset("billing", P0));
    assertEquals(
        0L,
        resets.resetOffsets("billing", toEarliest, true, "ops").partitions().get(0).newOffset());
    assertEquals(1, fixture.groups.size(), "the members' group stays");
  }

  @Test
  void aResetByDurationLooksUpTheTimeOnTheInjectedClock() {
    OffsetReset plan =
        resets.resetOffsets("billing", request(OffsetResetScenario.BY_DURATION, null), true, "ops");

    long anHourAgo = WALL.minus(Duration.ofHours(1)).toEpochMilli();
    assertEquals(List.of(anHourAgo, anHourAgo), fixture.logs.timestampsAsked);
    assertEquals(10L, plan.partitions().get(0).newOffset(), "no record since: the end");
  }

  @Test
  void anUndoRestoresTheOffsetsBeforeClampedToTheLogNow() {
    OffsetReset done =
        resets.resetOffsets("billing", request(OffsetResetScenario.TO_LATEST, null), false, "ops");
    fixture.logs.bounds("orders", 0, 6, 10);

    OffsetReset undo = resets.undoOffsetReset("billing", done.id(), false, "ops");

    assertEquals(OffsetResetScenario.UNDO, undo.strategy());
    assertEquals(done.id(), undo.undoes());
    assertEquals(
        6L,
        fixture.offsets.committedOffset("billing", P0),
        "back to 4, but the log now starts at 6");
    assertNull(fixture.offsets.committedOffset("billing", P1), "it had no commit before the reset");
  }

  @Test
  void anUndoOfAnotherGroupsResetIsNotFound() {
    OffsetReset done =
        resets.resetOffsets("billing", request(OffsetResetScenario.TO_LATEST, null), false, "ops");
    assertRefused(
        ErrorCode.OFFSET_RESET_NOT_FOUND,
        () -> resets.undoOffsetReset("shipping", done.id(), true, "ops"));
  }

  @Test
  void aPreviewedPlanIsAppliedExactlyOrNotAtAll() {
    OffsetResetRequest toLatest = request(OffsetResetScenario.TO_LATEST, null);
    OffsetReset stale = resets.resetOffsets("billing", toLatest, true, "ops");
    fixture.offsets.commit("billing", Map.of(P1, new OffsetAndMetadata(2, null, WALL)));

    assertRefused(ErrorCode.STALE_RESET_PLAN, () -> resets.applyPlan(stale, "ops"));
    assertEquals(4L, fixture.offsets.committedOffset("billing", P0), "nothing changed");
    assertTrue(audit.executed.isEmpty());

    OffsetReset plan = resets.resetOffsets("billing", toLatest, true, "ops");
    fixture.logs.bounds("orders", 0, 0, 8);
    OffsetReset applied = resets.applyPlan(plan, "ops");

    assertEquals(1L, applied.id());
    assertEquals(
        8L,
        fixture.offsets.committedOffset("billing", P0),
        "the plan's 10, clamped to the log as it is now");
    assertEquals(10L, fixture.offsets.committedOffset("billing", P1));
  }

  @Test
  void aResetWhileTheGroupIsBeingDeletedIsRetriableAndLosesNothing() {
    GroupDeletions deletions = new GroupDeletions(fixture.groups, fixture.offsets, fixture.topics);
    OffsetResetRequest toLatest = request(OffsetResetScenario.TO_LATEST, null);
    fixture.offsets.duringDelete =
        () ->
            assertRefused(
                ErrorCode.REBALANCE_IN_PROGRESS,
                () -> resets.resetOffsets("billing", toLatest, false, "ops"));

    deletions.deleteGroup("billing");

    assertTrue(audit.executed.isEmpty(), "no reset audited whose offsets the deletion took");
    assertTrue(fixture.offsets.committed("billing").isEmpty());

    fixture.offsets.duringDelete = () -> {};
    OffsetReset retried = resets.resetOffsets("billing", toLatest, false, "ops");
    assertEquals(10L, fixture.offsets.committedOffset("billing", P0), "the retry's offsets stay");
    assertEquals(List.of(retried), resets.offsetResets("billing", 10));
  }
}
