package org.tributary.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.group.GroupFixture.WALL;
import static org.tributary.testing.Refusals.assertRefused;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.testing.FakeTransactions;
import org.tributary.topic.TopicPartition;

class OffsetCommitsTest {

  private static final Duration SESSION = Duration.ofSeconds(10);
  private static final TopicPartition P0 = new TopicPartition("orders", 0);
  private static final TopicPartition P1 = new TopicPartition("orders", 1);

  private final FakeTransactions transactions = new FakeTransactions();
  private final GroupFixture fixture = new GroupFixture(transactions, 3);
  private final OffsetCommits commits = fixture.commits;
  private final GroupCoordinator coordinator = fixture.coordinator;

  OffsetCommitsTest() {
    fixture.topics.put("orders", 2);
  }

  private Assignment join(String clientId) {
    return coordinator.join("billing", null, clientId, Set.of("orders"), SESSION, "range");
  }

  private void commit(Assignment member, TopicPartition partition, long offset) {
    commits.commit(
        "billing",
        member.memberId(),
        member.generation(),
        Map.of(partition, new OffsetAndMetadata(offset, null, WALL)));
  }

  @Test
  void aMemberCommitsThePartitionsItOwns() {
    Assignment member = join("c");
    commit(member, P0, 7);
    assertEquals(7L, fixture.offsets.committedOffset("billing", P0));
  }

  @Test
  void aMemberFencedByARebalanceIsRefusedAndNothingIsStored() {
    Assignment first = join("first");
    Assignment second = join("second");
    coordinator.heartbeat("billing", first.memberId());
    coordinator.heartbeat("billing", second.memberId());

    assertRefused(ErrorCode.ILLEGAL_GENERATION, () -> commit(first, P1, 3));
    assertRefused(ErrorCode.ILLEGAL_GENERATION, () -> commit(second, P0, 3));
    assertEquals(0, fixture.offsets.commits);
  }

  @Test
  void commitsAreValidatedBeforeTheyAreWritten() {
    Assignment member = join("c");
    assertRefused(ErrorCode.OFFSET_OUT_OF_RANGE, () -> commit(member, P0, 11));
    assertRefused(ErrorCode.OFFSET_OUT_OF_RANGE, () -> commit(member, P0, -1));
    assertRefused(
        ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
        () -> commit(member, new TopicPartition("orders", 2), 1));
    assertRefused(
        ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
        () -> commit(member, new TopicPartition("gone", 0), 1));
    assertRefused(
        ErrorCode.OFFSET_METADATA_TOO_LARGE,
        () ->
            commits.commit(
                "billing",
                member.memberId(),
                member.generation(),
                Map.of(
                    P0,
                    new OffsetAndMetadata(
                        1, "x".repeat(OffsetCommits.MAX_METADATA_LENGTH + 1), WALL))));
    assertEquals(0, fixture.offsets.commits);
  }

  @Test
  void aCommitNamingMorePartitionsThanAllowedIsRefused() {
    fixture.topics.put("payments", 4);
    Map<TopicPartition, OffsetAndMetadata> four = new HashMap<>();
    for (int p = 0; p < 4; p++) {
      four.put(new TopicPartition("payments", p), new OffsetAndMetadata(1, null, WALL));
    }
    assertRefused(ErrorCode.INVALID_REQUEST, () -> commits.commit("billing", null, -1, four));
  }

  @Test
  void aConsumerOutsideTheGroupCommitsOnlyWhileTheGroupHasNoMembers() {
    Map<TopicPartition, OffsetAndMetadata> commit =
        Map.of(P0, new OffsetAndMetadata(2, null, WALL));
    commits.commit("billing", null, -1, commit);
    assertEquals(2L, fixture.offsets.committedOffset("billing", P0));

    join("c");
    assertRefused(ErrorCode.UNKNOWN_MEMBER_ID, () -> commits.commit("billing", null, -1, commit));
  }

  @Test
  void aCommitInATransactionHoldsItsPartitionsUntilTheTransactionEnds() {
    Assignment first = join("first");
    transactions.begin();
    commit(first, P0, 5);
    Assignment second = join("second");
    coordinator.leave("billing", first.memberId());

    assertFalse(
        coordinator.heartbeat("billing", second.memberId()).partitions().contains(P0),
        "not handed over while the commit may still be written");
    assertFalse(transactions.end(), "the member left before its transaction committed: fenced");
    assertEquals(List.of(P0, P1), coordinator.heartbeat("billing", second.memberId()).partitions());
  }

  @Test
  void aCommitInATransactionOfAMemberStillOwningItsPartitionsCommits() {
    Assignment member = join("c");
    transactions.begin();
    commit(member, P0, 5);
    assertTrue(fixture.groups.find("billing").writing(Set.of(P0)));
    assertTrue(transactions.end());
    assertFalse(
        fixture.groups.find("billing").writing(Set.of(P0)), "the write ended with the transaction");
  }

  @Test
  void aCommitWhileAResetOfItsPartitionIsWrittenIsRetriable() {
    ConsumerGroup group =
        fixture.groups.inGroup(
            "billing",
            found -> {
              found.beginReset(Set.of(P0));
              return found;
            });
    Map<TopicPartition, OffsetAndMetadata> commit =
        Map.of(P0, new OffsetAndMetadata(2, null, WALL));

    assertRefused(
        ErrorCode.REBALANCE_IN_PROGRESS, () -> commits.commit("billing", null, -1, commit));
    assertEquals(0, fixture.offsets.commits);

    fixture.groups.endWrite(group, Set.of(P0));
    commits.commit("billing", null, -1, commit);
    assertEquals(2L, fixture.offsets.committedOffset("billing", P0));
  }

  @Test
  void aMemberStartsAfterItsGroupsCommitOrWhereAutoOffsetResetSays() {
    commits.commit("billing", null, -1, Map.of(P0, new OffsetAndMetadata(4, null, WALL)));

    assertEquals(4, commits.startingOffset("billing", P0, OffsetResetStrategy.EARLIEST));
    assertEquals(0, commits.startingOffset("billing", P1, OffsetResetStrategy.EARLIEST));
    assertEquals(10, commits.startingOffset("billing", P1, OffsetResetStrategy.LATEST));
    assertRefused(
        ErrorCode.NO_OFFSET_FOR_PARTITION,
        () -> commits.startingOffset("billing", P1, OffsetResetStrategy.NONE));

    fixture.logs.bounds("orders", 0, 6, 10);
    assertEquals(
        Map.of(P0, 6L, P1, 0L),
        commits.startingOffsets("billing", List.of(P0, P1), OffsetResetStrategy.EARLIEST),
        "a commit that retention passed counts as none");
  }

  @Test
  void aCommitStillInItsTransactionMakesItsPartitionsOffsetUnstable() {
    Assignment member = join("a");
    transactions.begin();
    commit(member, P0, 4);

    assertEquals(Set.of(P0), commits.beingWritten("billing", Set.of(P0, P1)));
    assertEquals(Set.of(), commits.beingWritten("unknown-group", Set.of(P0)));

    transactions.end();
    assertEquals(Set.of(), commits.beingWritten("billing", Set.of(P0, P1)));
  }
}
