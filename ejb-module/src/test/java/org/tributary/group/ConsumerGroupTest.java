package org.tributary.group;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.testing.Refusals.assertRefused;

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
  private static final Instant WALL = Instant.parse("2026-01-01T00:00:00Z");

  /** Both clocks advanced by the same number of seconds since the start. */
  private static Moment at(long seconds) {
    return new Moment(WALL.plusSeconds(seconds), Duration.ofSeconds(seconds).toNanos());
  }

  private static final Moment T0 = at(0);

  private final ConsumerGroup group = new ConsumerGroup("billing", T0.nanoTime());

  private Assignment join(String memberId, Moment now) {
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
    Assignment b = join(null, at(5));
    group.expire(at(11), PARTITIONS);
    assertEquals(6, group.heartbeat(b.memberId(), at(11)).partitions().size());
  }

  @Test
  void leavingMovesPartitionsToTheRemainingMember() {
    Assignment a = join(null, T0);
    Assignment b = join(null, T0);
    group.leave(a.memberId(), PARTITIONS, T0.nanoTime());
    Assignment bNow = group.heartbeat(b.memberId(), T0);
    assertEquals(3, bNow.generation());
    assertEquals(6, bNow.partitions().size());
  }

  @Test
  void memberThatMissesItsSessionTimeoutIsRemovedAndItsPartitionsMove() {
    Assignment a = join(null, T0);
    Assignment b = join(null, T0);
    group.heartbeat(b.memberId(), at(8));

    assertEquals(List.of(), group.expire(at(9), PARTITIONS));
    assertEquals(List.of(a.memberId()), group.expire(at(11), PARTITIONS));

    assertEquals(6, group.heartbeat(b.memberId(), at(11)).partitions().size());
    assertRefused(ErrorCode.UNKNOWN_MEMBER_ID, () -> group.heartbeat(a.memberId(), T0));
  }

  @Test
  void commitFromAGenerationTheMemberHasMovedPastIsFenced() {
    Assignment a = join(null, T0);
    join(null, T0);
    group.heartbeat(a.memberId(), T0);
    assertRefused(
        ErrorCode.ILLEGAL_GENERATION,
        () -> group.checkCommit(a.memberId(), a.generation(), a.partitions()));
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
  void aMemberCannotCommitAPartitionItGaveAwayEvenAtTheCurrentGeneration() {
    Assignment a = join(null, T0);
    join(null, T0);
    Assignment aNow = group.heartbeat(a.memberId(), T0);
    TopicPartition givenAway =
        a.partitions().stream().filter(p -> !aNow.partitions().contains(p)).findFirst().get();

    assertRefused(
        ErrorCode.ILLEGAL_GENERATION,
        () -> group.checkCommit(a.memberId(), aNow.generation(), List.of(givenAway)));
    assertDoesNotThrow(() -> group.checkCommit(a.memberId(), aNow.generation(), aNow.partitions()));
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
    assertRefused(
        ErrorCode.INCONSISTENT_GROUP_PROTOCOL,
        () -> group.join(null, "c", Set.of("orders"), SESSION, "roundrobin", T0, PARTITIONS));
  }

  @Test
  void lastMemberLeavingEmptiesTheGroup() {
    Assignment a = join(null, T0);
    group.leave(a.memberId(), PARTITIONS, T0.nanoTime());
    assertEquals(GroupState.EMPTY, group.state());
  }

  @Test
  void sessionsExpireByTheMonotonicClockWhateverTheWallClockDoes() {
    Duration hour = Duration.ofHours(1);
    Assignment a =
        join(null, new Moment(WALL.plus(hour), 0)); // the wall clock is then set back an hour
    group.heartbeat(a.memberId(), new Moment(WALL, Duration.ofSeconds(1).toNanos()));
    assertEquals(
        List.of(),
        group.expire(new Moment(Instant.EPOCH, Duration.ofSeconds(10).toNanos()), PARTITIONS),
        "9 s since the last heartbeat on the monotonic clock: alive");

    Moment dayLater = new Moment(WALL.plus(Duration.ofDays(1)), Duration.ofSeconds(10).toNanos());
    group.heartbeat(a.memberId(), dayLater); // the wall clock jumps a day ahead
    assertEquals(
        List.of(),
        group.expire(new Moment(Instant.EPOCH, Duration.ofSeconds(19).toNanos()), PARTITIONS));
    assertEquals(
        List.of(a.memberId()),
        group.expire(new Moment(Instant.EPOCH, Duration.ofSeconds(21).toNanos()), PARTITIONS));
  }

  @Test
  void anEmptyGroupIsEvictableOnlyAfterTheGraceWithoutMembersOrWrites() {
    Duration grace = Duration.ofMinutes(1);
    Assignment a = join(null, T0);
    assertEquals(false, group.evictable(at(120).nanoTime(), grace), "it has a member");

    group.leave(a.memberId(), PARTITIONS, at(120).nanoTime());
    assertEquals(false, group.evictable(at(179).nanoTime(), grace));
    assertEquals(true, group.evictable(at(180).nanoTime(), grace));

    TopicPartition p0 = new TopicPartition("orders", 0);
    group.beginCommit(null, -1, List.of(p0));
    assertEquals(false, group.evictable(at(600).nanoTime(), grace), "a commit is being written");
    group.endWrite(List.of(p0), at(600).nanoTime());
    assertEquals(false, group.evictable(at(659).nanoTime(), grace));
    assertEquals(true, group.evictable(at(660).nanoTime(), grace));
  }

  @Test
  void aPartitionWhoseCommitIsBeingWrittenReachesItsNewOwnerOnlyAfterTheWrite() {
    Assignment a = join(null, T0);
    group.beginCommit(a.memberId(), a.generation(), a.partitions());
    Assignment b = join(null, at(5));
    group.expire(at(11), PARTITIONS); // a expires with its commit still in flight
    assertEquals(List.of(), group.heartbeat(b.memberId(), at(11)).partitions());

    group.endWrite(a.partitions(), at(11).nanoTime());
    assertEquals(6, group.heartbeat(b.memberId(), at(11)).partitions().size());
  }

  @Test
  void aCommitWaitsForNoResetAndAResetIsSeenAsAWrite() {
    List<TopicPartition> p0 = List.of(new TopicPartition("orders", 0));
    group.beginReset(p0);
    assertTrue(group.writing(p0));
    assertTrue(group.writing("orders"));
    assertRefused(ErrorCode.REBALANCE_IN_PROGRESS, () -> group.beginCommit(null, -1, p0));

    group.endWrite(p0, T0.nanoTime());
    assertEquals(false, group.writing(p0));
    assertDoesNotThrow(() -> group.beginCommit(null, -1, p0));
  }

  @Test
  void aDeletionIsAWriteOfEveryPartitionUntilItEnds() {
    List<TopicPartition> p0 = List.of(new TopicPartition("orders", 0));
    group.beginDelete();
    assertTrue(group.writing(p0));
    assertTrue(group.writing("orders"));
    assertEquals(false, group.evictable(T0.nanoTime(), Duration.ZERO));
    assertRefused(ErrorCode.REBALANCE_IN_PROGRESS, () -> group.requireNotDeleting("reset"));

    group.endDelete(T0.nanoTime());
    assertEquals(false, group.writing());
    assertDoesNotThrow(() -> group.requireNotDeleting("reset"));
  }
}
