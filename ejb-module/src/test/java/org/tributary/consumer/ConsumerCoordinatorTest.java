package org.tributary.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.group.OffsetAndMetadata;
import org.tributary.topic.TopicConfig;
import org.tributary.topic.TopicMetadata;
import org.tributary.topic.TopicPartition;

class ConsumerCoordinatorTest {

  private static final Instant NOW = Instant.ofEpochMilli(1_700_000_000_000L);
  private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);
  private static final TopicPartition ORDERS_1 = new TopicPartition("orders", 1);

  private final FakeGroup group = new FakeGroup();
  private final SubscriptionState subscriptions = new SubscriptionState();
  private final Map<String, TopicMetadata> topics = new LinkedHashMap<>();

  private ConsumerCoordinator coordinator(boolean autoCommit) {
    return new ConsumerCoordinator(
        subscriptions,
        group.requests(),
        autoCommit,
        name -> Optional.ofNullable(topics.get(name)),
        () -> List.copyOf(topics.values()),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private void topic(String name, int partitions) {
    topics.put(
        name,
        new TopicMetadata(
            topics.size() + 1, name, partitions, TopicConfig.defaults(), Instant.EPOCH));
  }

  @Test
  void aSubscriptionJoinsOnceAndThenHeartbeats() {
    ConsumerCoordinator coordinator = coordinator(false);
    group.partitions = List.of(ORDERS_0, ORDERS_1);
    subscriptions.subscribe(List.of("orders"));

    coordinator.refreshAssignment(true);
    coordinator.refreshAssignment(true);

    assertEquals(List.of("join null [orders]", "heartbeat m1"), group.requests);
    assertEquals(List.of(ORDERS_0, ORDERS_1), subscriptions.assignment());
  }

  @Test
  void aChangedSubscriptionRejoinsAsTheSameMember() {
    ConsumerCoordinator coordinator = coordinator(false);
    subscriptions.subscribe(List.of("orders"));
    coordinator.refreshAssignment(true);

    subscriptions.subscribe(List.of("orders", "payments"));
    coordinator.refreshAssignment(true);

    assertEquals(List.of("join null [orders]", "join m1 [orders, payments]"), group.requests);
  }

  @Test
  void anExpiredMemberJoinsAsANewOneAndStartsFromTheGroupsCommits() {
    ConsumerCoordinator coordinator = coordinator(false);
    group.partitions = List.of(ORDERS_0);
    subscriptions.subscribe(List.of("orders"));
    coordinator.refreshAssignment(true);
    subscriptions.initializePositions(Map.of(ORDERS_0, 42L));

    group.expired = "m1";
    coordinator.refreshAssignment(true);

    assertEquals(
        List.of("join null [orders]", "heartbeat m1", "join null [orders]"), group.requests);
    assertEquals(List.of(ORDERS_0), subscriptions.partitionsWithoutPosition());
  }

  @Test
  void aRejoinRefusedBecauseTheMemberExpiredJoinsAsANewMember() {
    ConsumerCoordinator coordinator = coordinator(false);
    subscriptions.subscribe(List.of("orders"));
    coordinator.refreshAssignment(true);

    group.expired = "m1";
    subscriptions.subscribe(List.of("payments"));
    coordinator.refreshAssignment(true);

    assertEquals(
        List.of("join null [orders]", "join m1 [payments]", "join null [payments]"),
        group.requests);
    coordinator.refreshAssignment(true);
    assertEquals("heartbeat m2", group.requests.get(3));
  }

  @Test
  void anyOtherRefusalOfAHeartbeatReachesTheCallerAndKeepsTheAssignment() {
    ConsumerCoordinator coordinator = coordinator(false);
    group.partitions = List.of(ORDERS_0);
    subscriptions.subscribe(List.of("orders"));
    coordinator.refreshAssignment(true);
    TributaryException refusal = new TributaryException(ErrorCode.REBALANCE_IN_PROGRESS, "not now");
    group.heartbeatRefusal = refusal;
    group.partitions = List.of(ORDERS_1);

    assertSame(
        refusal, assertThrows(TributaryException.class, () -> coordinator.refreshAssignment(true)));

    assertEquals(List.of(ORDERS_0), subscriptions.assignment());
    coordinator.refreshAssignment(true);
    assertEquals("heartbeat m1", group.requests.get(2));
    assertEquals(List.of(ORDERS_1), subscriptions.assignment());
  }

  @Test
  void aPatternFollowsTheTopicsItMatchesAndLeavesWhenNoneIsLeft() {
    ConsumerCoordinator coordinator = coordinator(false);
    topic("orders-eu", 1);
    topic("payments", 1);
    subscriptions.subscribe("orders-.*");
    coordinator.refreshAssignment(true);

    topic("orders-us", 1);
    coordinator.refreshAssignment(true);
    topics.clear();
    coordinator.refreshAssignment(true);

    assertEquals(
        List.of("join null [orders-eu]", "join m1 [orders-eu, orders-us]", "leave m1"),
        group.requests);
    assertEquals(List.of(), subscriptions.assignment());
  }

  @Test
  void aManualAssignmentOwnsThePartitionsThatExistWithoutAskingTheGroup() {
    ConsumerCoordinator coordinator = coordinator(true);
    topic("orders", 1);
    subscriptions.assignFromUser(List.of(ORDERS_1, ORDERS_0, new TopicPartition("gone", 0)));

    coordinator.refreshAssignment(true);

    assertEquals(List.of(ORDERS_0), subscriptions.assignment());
    assertEquals(List.of(), group.requests);
  }

  @Test
  void newlyOwnedPartitionsStartWhereTheGroupSaysAndOthersKeepTheirPositions() {
    ConsumerCoordinator coordinator = coordinator(false);
    group.partitions = List.of(ORDERS_0);
    group.startingOffsets.put(ORDERS_0, 7L);
    group.startingOffsets.put(ORDERS_1, 3L);
    subscriptions.subscribe(List.of("orders"));
    coordinator.refreshAssignment(true);
    coordinator.initializeMissingPositions();
    subscriptions.seek(Map.of(ORDERS_0, 10L));

    group.partitions = List.of(ORDERS_0, ORDERS_1);
    coordinator.refreshAssignment(true);
    coordinator.initializeMissingPositions();
    coordinator.initializeMissingPositions();

    assertEquals(Map.of(ORDERS_0, 10L, ORDERS_1, 3L), subscriptions.positions());
    assertEquals(
        List.of(
            "join null [orders]",
            "startingOffsets [orders-0]",
            "heartbeat m1",
            "startingOffsets [orders-1]"),
        group.requests);
  }

  @Test
  void autoCommitCommitsThePositionsInTheGenerationItKnowsBeforeTheHeartbeat() {
    ConsumerCoordinator coordinator = coordinator(true);
    group.partitions = List.of(ORDERS_0);
    subscriptions.subscribe(List.of("orders"));
    coordinator.refreshAssignment(true);
    subscriptions.initializePositions(Map.of(ORDERS_0, 5L));
    group.generation = 2;
    group.partitions = List.of(ORDERS_1);

    coordinator.refreshAssignment(true);

    assertEquals(
        List.of("join null [orders]", "commit m1 1 {orders-0=5}", "heartbeat m1"), group.requests);
    assertEquals(Map.of(ORDERS_0, new OffsetAndMetadata(5, "", NOW)), group.commits.get(0));
    assertEquals(Map.of(), subscriptions.positions());
  }

  @Test
  void aLaterRoundOfAPollDoesNotAutoCommit() {
    ConsumerCoordinator coordinator = coordinator(true);
    group.partitions = List.of(ORDERS_0);
    subscriptions.subscribe(List.of("orders"));
    coordinator.refreshAssignment(false);
    subscriptions.initializePositions(Map.of(ORDERS_0, 5L));

    coordinator.refreshAssignment(false);

    assertEquals(List.of("join null [orders]", "heartbeat m1"), group.requests);
  }

  @Test
  void autoCommitStopsBeforeRecordsStillBeingDelivered() {
    ConsumerCoordinator coordinator = coordinator(true);
    group.partitions = List.of(ORDERS_0);
    subscriptions.subscribe(List.of("orders"));
    coordinator.refreshAssignment(true);
    subscriptions.initializePositions(Map.of(ORDERS_0, 5L));
    List<ConsumedRecord> poll = new ArrayList<>();
    subscriptions.startDelivery(poll);
    subscriptions.fetched(poll, ORDERS_0, List.of(SubscriptionStateTest.record(5)), 6);

    coordinator.maybeAutoCommit();

    assertEquals("commit m1 1 {orders-0=5}", group.requests.get(1));
  }

  @Test
  void aRefusedAutoCommitLeavesTheRecordsToBeDeliveredAgain() {
    ConsumerCoordinator coordinator = coordinator(true);
    group.partitions = List.of(ORDERS_0);
    subscriptions.subscribe(List.of("orders"));
    coordinator.refreshAssignment(true);
    subscriptions.initializePositions(Map.of(ORDERS_0, 5L));
    group.commitRefusal = new TributaryException(ErrorCode.ILLEGAL_GENERATION, "fenced");

    coordinator.refreshAssignment(true);

    assertEquals(
        List.of("join null [orders]", "commit m1 1 {orders-0=5}", "heartbeat m1"), group.requests);
  }

  @Test
  void withoutAutoCommitOrPositionsNothingIsCommitted() {
    ConsumerCoordinator manual = coordinator(false);
    group.partitions = List.of(ORDERS_0);
    subscriptions.subscribe(List.of("orders"));
    manual.refreshAssignment(true);
    subscriptions.initializePositions(Map.of(ORDERS_0, 5L));
    manual.maybeAutoCommit();
    subscriptions.forgetPositions();
    coordinator(true).maybeAutoCommit();

    assertEquals(List.of("join null [orders]"), group.requests);
  }

  @Test
  void afterLeavingCommitsGoOutsideTheGroup() {
    ConsumerCoordinator coordinator = coordinator(false);
    subscriptions.subscribe(List.of("orders"));
    coordinator.refreshAssignment(true);

    coordinator.leaveGroup();
    coordinator.leaveGroup();
    coordinator.commitPositions(Map.of(ORDERS_0, 3L));

    assertEquals(
        List.of("join null [orders]", "leave m1", "commit null -1 {orders-0=3}"), group.requests);
  }

  @Test
  void aLeaveRefusedBecauseTheMemberExpiredStillLeaves() {
    ConsumerCoordinator coordinator = coordinator(false);
    subscriptions.subscribe(List.of("orders"));
    coordinator.refreshAssignment(true);
    group.expired = "m1";

    coordinator.leaveGroup();
    coordinator.refreshAssignment(true);

    assertEquals(List.of("join null [orders]", "leave m1", "join null [orders]"), group.requests);
  }

  @Test
  void anEmptyCommitSendsNothing() {
    ConsumerCoordinator coordinator = coordinator(false);

    coordinator.commit(Map.of());
    coordinator.commitPositions(Map.of());

    assertEquals(List.of(), group.requests);
  }

  @Test
  void committedAnswersTheAskedPartitionsInTheirOrderLeavingOutThoseWithoutACommit() {
    TopicPartition orders2 = new TopicPartition("orders", 2);
    group.committed.put(ORDERS_0, new OffsetAndMetadata(4, "a", NOW));
    group.committed.put(orders2, new OffsetAndMetadata(8, "b", NOW));

    Map<TopicPartition, OffsetAndMetadata> committed =
        coordinator(false).committed(List.of(orders2, ORDERS_1, ORDERS_0));

    assertEquals(List.of(orders2, ORDERS_0), List.copyOf(committed.keySet()));
    assertEquals(8, committed.get(orders2).offset());
  }

  @Test
  void topicNamesAreThoseOfTheCatalog() {
    topic("orders", 1);
    topic("payments", 1);

    assertEquals(List.of("orders", "payments"), coordinator(false).topicNames());
  }
}
