package org.tributary.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.testing.Refusals.assertRefused;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tributary.consumer.SubscriptionState.SubscriptionType;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.log.Record;
import org.tributary.topic.TopicPartition;

class SubscriptionStateTest {

  private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);
  private static final TopicPartition ORDERS_1 = new TopicPartition("orders", 1);
  private static final TopicPartition PAYMENTS_0 = new TopicPartition("payments", 0);

  private final SubscriptionState state = new SubscriptionState();

  @Test
  void subscribingToTopicsWhileAssignedByHandIsInconsistent() {
    state.assignFromUser(List.of(ORDERS_0));

    TributaryException e =
        assertRefused(
            ErrorCode.INCONSISTENT_SUBSCRIPTION, () -> state.subscribe(List.of("orders")));
    assertEquals(
        "Subscription to topics, to a pattern and manual assignment are mutually exclusive;"
            + " this consumer uses manual assignment. Unsubscribe first.",
        e.getMessage());
  }

  @Test
  void eachKindOfSubscriptionRefusesTheOthersAndNamesItself() {
    state.subscribe("orders-.*");
    TributaryException byHand =
        assertThrows(TributaryException.class, () -> state.assignFromUser(List.of(ORDERS_0)));
    assertTrue(byHand.getMessage().contains("this consumer uses pattern subscription."));

    state.unsubscribe();
    state.subscribe(List.of("orders"));
    TributaryException pattern =
        assertThrows(TributaryException.class, () -> state.subscribe("orders-.*"));
    assertTrue(pattern.getMessage().contains("this consumer uses topics subscription."));
  }

  @Test
  void subscribingAgainWithTheSameKindReplacesTheSubscription() {
    state.subscribe(List.of("orders"));
    state.subscribe(List.of("payments", "audit"));

    assertEquals(SubscriptionType.AUTO_TOPICS, state.type());
    assertEquals(List.of("audit", "payments"), List.copyOf(state.subscription(() -> List.of())));
  }

  @Test
  void anInvalidTopicNameLeavesTheSubscriptionAsItWas() {
    state.subscribe(List.of("orders"));

    assertThrows(TributaryException.class, () -> state.subscribe(List.of("orders", "no/slash")));

    assertEquals(Set.of("orders"), state.subscribedTopics());
  }

  @Test
  void aPatternSubscribesToTheTopicsItMatchesNowSorted() {
    state.subscribe("orders-.*");

    assertEquals(
        List.of("orders-eu", "orders-us"),
        List.copyOf(state.subscription(() -> List.of("orders-us", "payments", "orders-eu"))));
  }

  @Test
  void unsubscribingForgetsEverythingAndAllowsAnotherKind() {
    state.subscribe(List.of("orders"));
    state.assign(List.of(ORDERS_0));
    state.initializePositions(Map.of(ORDERS_0, 5L));
    pollReading(ORDERS_0, 5, 7);

    state.unsubscribe();

    assertEquals(SubscriptionType.NONE, state.type());
    assertEquals(List.of(), state.assignment());
    assertFalse(state.hasPositions());
    assertFalse(state.deliveriesPending());
    state.assignFromUser(List.of(ORDERS_1, ORDERS_0));
    assertEquals(List.of(ORDERS_0, ORDERS_1), state.userAssignment());
  }

  @Test
  void topicsAreTheSubscribedOnesAndThoseOfTheOwnedPartitions() {
    state.subscribe(List.of("orders"));
    state.assign(List.of(PAYMENTS_0));

    assertEquals(List.of("orders", "payments"), List.copyOf(state.topics()));
  }

  @Test
  void aNewAssignmentKeepsThePositionsOfPartitionsStillOwnedOnly() {
    state.assign(List.of(ORDERS_0, ORDERS_1));
    state.initializePositions(Map.of(ORDERS_0, 5L, ORDERS_1, 9L));

    state.assign(List.of(ORDERS_1, PAYMENTS_0));

    assertEquals(Map.of(ORDERS_1, 9L), state.positions());
    assertEquals(List.of(PAYMENTS_0), state.partitionsWithoutPosition());
  }

  @Test
  void aSeekOfAPartitionNotOwnedMovesNoPosition() {
    state.assign(List.of(ORDERS_0));
    state.initializePositions(Map.of(ORDERS_0, 5L));

    TributaryException e =
        assertRefused(
            ErrorCode.ILLEGAL_STATE, () -> state.seek(Map.of(ORDERS_0, 1L, ORDERS_1, 1L)));
    assertEquals(
        "Partition orders-1 is not assigned to this consumer, which owns [orders-0]. Subscribe or"
            + " assign it first.",
        e.getMessage());
    assertEquals(Map.of(ORDERS_0, 5L), state.positions());
  }

  @Test
  void commitsStopBeforeTheFirstRecordOfAPollStillBeingDelivered() {
    state.assign(List.of(ORDERS_0, ORDERS_1));
    state.initializePositions(Map.of(ORDERS_0, 5L, ORDERS_1, 9L));

    List<ConsumedRecord> poll = pollReading(ORDERS_0, 5, 8);

    assertEquals(Map.of(ORDERS_0, 8L, ORDERS_1, 9L), state.positions());
    assertEquals(Map.of(ORDERS_0, 5L, ORDERS_1, 9L), state.committablePositions());
    assertTrue(state.deliveriesPending());

    state.endDelivery(poll);

    assertEquals(Map.of(ORDERS_0, 8L, ORDERS_1, 9L), state.committablePositions());
    assertFalse(state.deliveriesPending());
  }

  @Test
  void aPollReadingOverSeveralRoundsHoldsCommitsBackToItsFirstRecord() {
    state.assign(List.of(ORDERS_0));
    state.initializePositions(Map.of(ORDERS_0, 5L));
    List<ConsumedRecord> poll = pollReading(ORDERS_0, 5, 6);

    state.fetched(poll, ORDERS_0, List.of(record(6)), 7);

    assertEquals(Map.of(ORDERS_0, 5L), state.committablePositions());
  }

  @Test
  void recordsThatNeverReachedTheirClientAreReadAgain() {
    state.assign(List.of(ORDERS_0));
    state.initializePositions(Map.of(ORDERS_0, 5L));
    List<ConsumedRecord> poll = pollReading(ORDERS_0, 5, 8);

    state.notDelivered(poll);

    assertEquals(Map.of(ORDERS_0, 5L), state.positions());
    assertFalse(state.deliveriesPending());
  }

  @Test
  void aRecordNotDeliveredFromAPartitionGivenAwayMovesNothing() {
    state.assign(List.of(ORDERS_0));
    state.initializePositions(Map.of(ORDERS_0, 5L));
    List<ConsumedRecord> poll = pollReading(ORDERS_0, 5, 8);
    state.assign(List.of(ORDERS_1));

    state.notDelivered(poll);

    assertEquals(Map.of(), state.positions());
  }

  @Test
  void aSeekOverridesWhatAPollStillBeingDeliveredWouldSetBack() {
    state.assign(List.of(ORDERS_0));
    state.initializePositions(Map.of(ORDERS_0, 5L));
    List<ConsumedRecord> poll = pollReading(ORDERS_0, 5, 8);

    state.seek(Map.of(ORDERS_0, 20L));

    assertEquals(Map.of(ORDERS_0, 20L), state.committablePositions());
    state.notDelivered(poll);
    assertEquals(Map.of(ORDERS_0, 20L), state.positions());
  }

  @Test
  void aPollNotForDeliveryHoldsNothingBack() {
    state.assign(List.of(ORDERS_0));
    state.initializePositions(Map.of(ORDERS_0, 5L));

    state.fetched(new ArrayList<>(), ORDERS_0, List.of(record(5)), 6);

    assertEquals(Map.of(ORDERS_0, 6L), state.committablePositions());
    assertFalse(state.deliveriesPending());
  }

  @Test
  void aResetMovesThePositionButNotTheDeliveriesInFlight() {
    state.assign(List.of(ORDERS_0));
    state.initializePositions(Map.of(ORDERS_0, 5L));
    pollReading(ORDERS_0, 5, 8);

    state.resetPosition(ORDERS_0, 30);

    assertEquals(30L, state.position(ORDERS_0));
    assertEquals(Map.of(ORDERS_0, 5L), state.committablePositions());
  }

  @Test
  void revokingEverythingKeepsTheSubscription() {
    state.subscribe(List.of("orders"));
    state.assign(List.of(ORDERS_0));
    state.initializePositions(Map.of(ORDERS_0, 5L));

    state.revokeAll();

    assertEquals(List.of(), state.assignment());
    assertFalse(state.hasPositions());
    assertEquals(Set.of("orders"), state.topics());
  }

  /** A poll for delivery that read {@code partition} from {@code from} up to {@code next}. */
  private List<ConsumedRecord> pollReading(TopicPartition partition, long from, long next) {
    List<ConsumedRecord> poll = new ArrayList<>();
    state.startDelivery(poll);
    List<Record> records = new ArrayList<>();
    for (long offset = from; offset < next; offset++) {
      records.add(record(offset));
      poll.add(new ConsumedRecord(partition.topic(), partition.partition(), record(offset)));
    }
    state.fetched(poll, partition, records, next);
    return poll;
  }

  static Record record(long offset) {
    return new Record(offset, 0L, null, new byte[] {1}, List.of(), 10);
  }
}
