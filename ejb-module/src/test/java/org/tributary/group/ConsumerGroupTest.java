package org.tributary.group;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicPartition;

class ConsumerGroupTest {

  private static final Map<String, Integer> PARTITIONS = Map.of("orders", 6);
  private static final Duration SESSION = Duration.ofSeconds(10);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final ConsumerGroup group = new ConsumerGroup("billing");

  private Assignment join(String memberId, Instant now) {
    return group.join(memberId, "client", Set.of("orders"), SESSION, "range", now, PARTITIONS);
  }

  private void assertEveryPartitionOwnedOnce(List<Assignment> assignments) {
    Set<TopicPartition> seen = new HashSet<>();
    for (Assignment assignment : assignments) {
      for (TopicPartition partition : assignment.partitions()) {
        assertEquals(true, seen.add(partition), partition + " is owned twice");
      }
    }
    assertEquals(6, seen.size());
  }

  @Test
  void joiningMembersSplitThePartitionsAndBumpTheGeneration() {
    Assignment a = join(null, T0);
    assertEquals(1, a.generation());
    assertEquals(6, a.partitions().size());
    assertEquals(GroupState.STABLE, group.state());

    Assignment b = join(null, T0);
    assertEquals(2, b.generation());
    assertEquals(GroupState.COMPLETING_REBALANCE, group.state(), "a has not seen generation 2 yet");
    Assignment aNow = group.heartbeat(a.memberId(), T0);
    Assignment bNow = group.heartbeat(b.memberId(), T0);
    assertEquals(2, aNow.generation());
    assertEquals(GroupState.STABLE, group.state());
    assertEveryPartitionOwnedOnce(List.of(aNow, bNow));
  }

  @Test
  void aMovingPartitionReachesItsNewOwnerOnlyAfterTheOldOwnerLetGo() {
    Assignment a = join(null, T0);
    Assignment b = join(null, T0);
    assertEquals(
        List.of(), b.partitions(), "a still consumes all six until it hears of the rebalance");
    assertEquals(List.of(), group.heartbeat(b.memberId(), T0).partitions());

    Assignment aNow = group.heartbeat(a.memberId(), T0);
    assertEquals(3, aNow.partitions().size());
    Assignment bNow = group.heartbeat(b.memberId(), T0);
    assertEquals(3, bNow.partitions().size());
    assertEveryPartitionOwnedOnce(List.of(aNow, bNow));
    assertEquals(GroupState.STABLE, group.state());
  }

  @Test
  void partitionsOfAMemberThatExpiredAreHandedOnAtOnce() {
    join(null, T0);
    Assignment b = join(null, T0.plusSeconds(5));
    group.expire(T0.plusSeconds(11), PARTITIONS);
    assertEquals(6, group.heartbeat(b.memberId(), T0.plusSeconds(11)).partitions().size());
  }

  @Test
  void leavingMovesPartitionsToTheRemainingMember() {
    Assignment a = join(null, T0);
    Assignment b = join(null, T0);
    group.leave(a.memberId(), PARTITIONS);
    Assignment bNow = group.heartbeat(b.memberId(), T0);
    assertEquals(3, bNow.generation());
    assertEquals(6, bNow.partitions().size());
  }

  @Test
  void memberThatMissesItsSessionTimeoutIsRemovedAndItsPartitionsMove() {
    Assignment a = join(null, T0);
    Assignment b = join(null, T0);
    group.heartbeat(b.memberId(), T0.plusSeconds(8));

    assertEquals(List.of(), group.expire(T0.plusSeconds(9), PARTITIONS));
    assertEquals(List.of(a.memberId()), group.expire(T0.plusSeconds(11), PARTITIONS));

    assertEquals(6, group.heartbeat(b.memberId(), T0.plusSeconds(11)).partitions().size());
    TributaryException e =
        assertThrows(TributaryException.class, () -> group.heartbeat(a.memberId(), T0));
    assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, e.code());
  }

  @Test
  void commitFromAGenerationTheMemberHasMovedPastIsFenced() {
    Assignment a = join(null, T0);
    join(null, T0);
    group.heartbeat(a.memberId(), T0);
    TributaryException e =
        assertThrows(
            TributaryException.class,
            () -> group.checkCommit(a.memberId(), a.generation(), a.partitions()));
    assertEquals(ErrorCode.ILLEGAL_GENERATION, e.code());
    assertDoesNotThrow(() -> group.checkCommit(a.memberId(), group.generation(), List.of()));
  }

  @Test
  void duringARebalanceAMemberMayStillCommitThePartitionsItHasNotLetGo() {
    Assignment a = join(null, T0);
    join(null, T0);
    assertTrue(group.generation() > a.generation());

    assertDoesNotThrow(() -> group.checkCommit(a.memberId(), a.generation(), a.partitions()));
  }

  @Test
  void commitFromOutsideTheGroupIsAllowedOnlyWhileItIsEmpty() {
    assertDoesNotThrow(() -> group.checkCommit(null, -1, List.of()));
    join(null, T0);
    assertEquals(
        ErrorCode.UNKNOWN_MEMBER_ID,
        assertThrows(TributaryException.class, () -> group.checkCommit(null, -1, List.of()))
            .code());
  }

  @Test
  void rejoiningWithTheSameSubscriptionKeepsTheGeneration() {
    Assignment a = join(null, T0);
    assertEquals(a.generation(), join(a.memberId(), T0).generation());
  }

  @Test
  void allMembersMustUseTheSameAssignor() {
    join(null, T0);
    TributaryException e =
        assertThrows(
            TributaryException.class,
            () -> group.join(null, "c", Set.of("orders"), SESSION, "roundrobin", T0, PARTITIONS));
    assertEquals(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, e.code());
  }

  @Test
  void lastMemberLeavingEmptiesTheGroup() {
    Assignment a = join(null, T0);
    group.leave(a.memberId(), PARTITIONS);
    assertEquals(GroupState.EMPTY, group.state());
  }
}
