package org.tributary.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.group.GroupFixture.WALL;
import static org.tributary.testing.Refusals.assertRefused;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.topic.PartitionsChanged;
import org.tributary.topic.TopicDeleted;
import org.tributary.topic.TopicPartition;

class GroupCoordinatorTest {

  private static final Duration SESSION = Duration.ofSeconds(10);
  private final GroupFixture fixture = new GroupFixture();
  private final OffsetCommits commits = fixture.commits;
  private final GroupCoordinator coordinator = fixture.coordinator;

  GroupCoordinatorTest() {
    fixture.topics.put("orders", 4);
  }

  private Assignment join(String clientId, Duration session) {
    return coordinator.join("billing", null, clientId, Set.of("orders"), session, "range");
  }

  @Test
  void aSessionTimeoutOutsideOneSecondToThirtyMinutesIsRefused() {
    assertRefused(ErrorCode.INVALID_SESSION_TIMEOUT, () -> join("c", Duration.ofMillis(999)));
    assertRefused(ErrorCode.INVALID_SESSION_TIMEOUT, () -> join("c", Duration.ofMinutes(31)));
    assertEquals(0, fixture.groups.size(), "a refused join makes no group");
  }

  @Test
  void blankGroupIdsAndUnknownGroupsAreRefused() {
    assertRefused(
        ErrorCode.INVALID_GROUP_ID,
        () -> coordinator.join(" ", null, "c", Set.of("orders"), SESSION, "range"));
    assertRefused(ErrorCode.GROUP_ID_NOT_FOUND, () -> coordinator.heartbeat("billing", "nobody"));
    assertRefused(ErrorCode.GROUP_ID_NOT_FOUND, () -> coordinator.leave("billing", "nobody"));
  }

  @Test
  void joiningAndLeavingMovesThePartitionsAndTheGeneration() {
    Assignment a = join("a", SESSION);
    Assignment b = join("b", SESSION);
    assertEquals(4, a.partitions().size());
    assertEquals(2, b.generation());

    coordinator.leave("billing", a.memberId());

    Assignment bAlone = coordinator.heartbeat("billing", b.memberId());
    assertEquals(3, bAlone.generation());
    assertEquals(4, bAlone.partitions().size(), "a left, so its partitions move at once");
  }

  @Test
  void aSilentMemberExpiresOnTheMonotonicClockAndItsPartitionsMove() {
    Assignment silent = join("silent", Duration.ofSeconds(2));
    Assignment alive = join("alive", SESSION);
    coordinator.heartbeat("billing", silent.memberId());
    fixture.nanos.advance(Duration.ofSeconds(2));
    coordinator.expireMembers();
    coordinator.heartbeat("billing", alive.memberId());

    fixture.nanos.advance(Duration.ofMillis(1));
    coordinator.expireMembers();

    assertRefused(
        ErrorCode.UNKNOWN_MEMBER_ID, () -> coordinator.heartbeat("billing", silent.memberId()));
    assertEquals(4, coordinator.heartbeat("billing", alive.memberId()).partitions().size());
    assertEquals(1, coordinator.describe("billing").members().size());
  }

  @Test
  void aGroupWithoutMembersLeavesMemoryAfterTheGraceAndLivesOnInItsCommits() {
    Assignment member = join("c", SESSION);
    coordinator.heartbeat("billing", member.memberId());
    commits.commit(
        "billing",
        member.memberId(),
        member.generation(),
        Map.of(new TopicPartition("orders", 0), new OffsetAndMetadata(4, null, WALL)));
    coordinator.leave("billing", member.memberId());

    fixture.nanos.advance(GroupCoordinator.EMPTY_GROUP_GRACE.minusNanos(1));
    coordinator.expireMembers();
    assertEquals(1, fixture.groups.size());
    fixture.nanos.advance(Duration.ofNanos(1));
    coordinator.expireMembers();
    assertEquals(0, fixture.groups.size());

    GroupDescription described = coordinator.describe("billing");
    assertEquals(GroupState.EMPTY, described.state());
    assertEquals(List.of("billing"), coordinator.listGroups());
    PartitionLag lag = described.partitions().get(0);
    assertEquals(4L, lag.committedOffset());
    assertEquals(6, lag.lag());
  }

  @Test
  void aGroupWithNeitherMembersNorCommitsIsDeadAndNotListed() {
    assertEquals(GroupState.DEAD, coordinator.describe("nobody").state());
    assertTrue(coordinator.describeAll().isEmpty());
  }

  @Test
  void describeShowsTheLastHeartbeatOnTheWallClock() {
    join("c", SESSION);
    MemberDescription member = coordinator.describe("billing").members().get(0);
    assertEquals(WALL, member.lastHeartbeat());
    assertEquals(Set.of("orders"), member.subscription());
  }

  @Test
  void addedPartitionsGoToTheSubscribedGroupsAtOnce() {
    Assignment member = join("c", SESSION);
    coordinator.onPartitionsChanged(new PartitionsChanged(fixture.topics.put("orders", 6)));

    Assignment now = coordinator.heartbeat("billing", member.memberId());
    assertEquals(member.generation() + 1, now.generation());
    assertEquals(6, now.partitions().size());
  }

  @Test
  void aDeletedTopicLosesItsCommitsAndLeavesTheAssignment() {
    fixture.topics.put("payments", 1);
    Assignment member =
        coordinator.join("billing", null, "c", Set.of("orders", "payments"), SESSION, "range");
    commits.commit(
        "billing",
        member.memberId(),
        member.generation(),
        Map.of(new TopicPartition("payments", 0), new OffsetAndMetadata(1, null, WALL)));

    coordinator.onTopicDeleted(new TopicDeleted(fixture.topics.remove("payments")));

    assertTrue(fixture.offsets.committed("billing").isEmpty());
    assertEquals(
        4, coordinator.heartbeat("billing", member.memberId()).partitions().size(), "orders only");
  }
}
