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
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicPartition;

class GroupDeletionsTest {

  private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);
  private static final TopicPartition ORDERS_1 = new TopicPartition("orders", 1);
  private static final TopicPartition ORDERS_2 = new TopicPartition("orders", 2);
  private static final TopicPartition AUDIT_0 = new TopicPartition("audit", 0);
  private static final Duration SESSION = Duration.ofSeconds(10);

  private final GroupFixture fixture = new GroupFixture();
  private final GroupDeletions deletions =
      new GroupDeletions(fixture.groups, fixture.offsets, fixture.topics);

  GroupDeletionsTest() {
    fixture.topics.put("orders", 3);
    fixture.topics.put("audit", 1);
    fixture.offsets.commit(
        "billing",
        Map.of(ORDERS_0, commit(4), ORDERS_1, commit(7), ORDERS_2, commit(9), AUDIT_0, commit(2)));
    fixture.offsets.commit("other", Map.of(ORDERS_0, commit(1)));
  }

  private static OffsetAndMetadata commit(long offset) {
    return new OffsetAndMetadata(offset, null, WALL);
  }

  private Assignment join(String groupId, String topic) {
    return fixture.coordinator.join(
        groupId, null, "client", Set.of(topic), SESSION, RangeAssignor.NAME);
  }

  @Test
  void deletingAGroupRemovesAllItsCommittedOffsetsAndAnswersThem() {
    OffsetDeletion deleted = deletions.deleteGroup("billing");

    assertEquals(Set.of(ORDERS_0, ORDERS_1, ORDERS_2, AUDIT_0), deleted.deleted().keySet());
    assertEquals(7L, deleted.deleted().get(ORDERS_1).offset());
    assertTrue(fixture.offsets.committed("billing").isEmpty());
    assertEquals(
        1L, fixture.offsets.committedOffset("other", ORDERS_0), "other groups keep theirs");
    assertEquals(GroupState.DEAD, fixture.coordinator.describe("billing").state());
    assertEquals(0, fixture.groups.size(), "nothing of the group stays in memory");
    assertEquals(List.of("billing/*"), fixture.offsets.recordedDeletions, "audited with it");
  }

  @Test
  void aGroupWhoseMembersLeftIsDeletedFromMemory() {
    Assignment member = join("billing", "orders");
    fixture.coordinator.leave("billing", member.memberId());

    deletions.deleteGroup("billing");

    assertNull(fixture.groups.find("billing"));
  }

  @Test
  void aGroupWithMembersIsNotDeletedAndKeepsItsOffsets() {
    join("billing", "audit");
    join("billing", "audit");

    TributaryException refused =
        assertRefused(ErrorCode.NON_EMPTY_GROUP, () -> deletions.deleteGroup("billing"));

    assertTrue(refused.getMessage().contains("has 2 active members"), refused::getMessage);
    assertTrue(refused.getMessage().contains("stop its consumers"), refused::getMessage);
    assertEquals(4, fixture.offsets.committed("billing").size());
  }

  @Test
  void anUnknownOrInvalidGroupIsRefused() {
    assertRefused(ErrorCode.GROUP_ID_NOT_FOUND, () -> deletions.deleteGroup("nobody"));
    assertRefused(
        ErrorCode.GROUP_ID_NOT_FOUND, () -> deletions.deleteOffsets("nobody", "orders", null));
    assertRefused(ErrorCode.INVALID_GROUP_ID, () -> deletions.deleteGroup(""));
    assertEquals(0, fixture.groups.size(), "a refused deletion makes no group");
  }

  @Test
  void deletingSomePartitionsOffsetsKeepsTheOthers() {
    OffsetDeletion deleted = deletions.deleteOffsets("billing", "orders", List.of(0, 2));

    assertEquals(Set.of(ORDERS_0, ORDERS_2), deleted.deleted().keySet());
    assertEquals(Set.of(ORDERS_1, AUDIT_0), fixture.offsets.committed("billing").keySet());
    assertEquals(List.of("billing/orders"), fixture.offsets.recordedDeletions);
  }

  @Test
  void deletingATopicsOffsetsWithoutPartitionsTakesAllOfThem() {
    OffsetDeletion deleted = deletions.deleteOffsets("billing", "orders", null);

    assertEquals(Set.of(ORDERS_0, ORDERS_1, ORDERS_2), deleted.deleted().keySet());
    assertEquals(Set.of(AUDIT_0), fixture.offsets.committed("billing").keySet());
  }

  @Test
  void offsetsOfATopicNoMemberSubscribesToAreDeletedWhileMembersConsumeAnother() {
    join("billing", "audit");

    deletions.deleteOffsets("billing", "orders", null);

    assertEquals(Set.of(AUDIT_0), fixture.offsets.committed("billing").keySet());
    assertEquals(1, fixture.groups.size(), "the members' group stays");
  }

  @Test
  void offsetsOfATopicAMemberSubscribesToAreNotDeleted() {
    join("billing", "orders");

    TributaryException refused =
        assertRefused(
            ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC,
            () -> deletions.deleteOffsets("billing", "orders", List.of(1)));

    assertTrue(
        refused.getMessage().contains("1 active member subscribed to topic 'orders'"),
        refused::getMessage);
    assertEquals(4, fixture.offsets.committed("billing").size());
  }

  @Test
  void anUnknownTopicOrPartitionIsRefused() {
    assertRefused(
        ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
        () -> deletions.deleteOffsets("billing", "missing", null));
    assertRefused(
        ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
        () -> deletions.deleteOffsets("billing", "orders", List.of(0, 3)));
    assertEquals(4, fixture.offsets.committed("billing").size(), "nothing deleted");
  }

  @Test
  void whileAGroupIsBeingDeletedNoCommitStartsAndAJoinerIsHandedNothing() {
    fixture.offsets.duringDelete =
        () -> {
          // The deletion is being written, outside the group's monitor: others act meanwhile.
          assertRefused(
              ErrorCode.REBALANCE_IN_PROGRESS,
              () -> fixture.commits.commit("billing", null, -1, Map.of(AUDIT_0, commit(5))));
          assertEquals(List.of(), join("billing", "orders").partitions(), "handed nothing yet");
        };

    deletions.deleteGroup("billing");

    String member = fixture.coordinator.describe("billing").members().get(0).memberId();
    Assignment after = fixture.coordinator.heartbeat("billing", member);
    assertEquals(3, after.partitions().size(), "handed everything once the deletion ended");
    assertTrue(fixture.offsets.committed("billing").isEmpty());
  }

  @Test
  void whileAGroupIsBeingDeletedASecondDeletionOrAnOffsetDeletionIsRetriable() {
    fixture.offsets.duringDelete =
        () -> {
          fixture.offsets.duringDelete = () -> {};
          assertRefused(ErrorCode.REBALANCE_IN_PROGRESS, () -> deletions.deleteGroup("billing"));
          assertRefused(
              ErrorCode.REBALANCE_IN_PROGRESS,
              () -> deletions.deleteOffsets("billing", "orders", List.of(1)));
        };

    OffsetDeletion deleted = deletions.deleteGroup("billing");

    assertEquals(4, deleted.deleted().size(), "the one deletion answers every offset it took");
    assertEquals(List.of("billing/*"), fixture.offsets.recordedDeletions, "and alone is audited");
    assertEquals(0, fixture.groups.size(), "nothing of the group stays in memory");
  }
}
