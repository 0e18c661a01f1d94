package org.tributary.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tributary.testing.Refusals.assertRefused;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.group.OffsetResetStrategy;
import org.tributary.log.FetchResult;
import org.tributary.log.PartitionOffsets;
import org.tributary.log.Record;
import org.tributary.topic.TopicPartition;

class FetcherTest {

  private static final int RECORD_BYTES = 10;
  private static final TopicPartition P0 = new TopicPartition("orders", 0);
  private static final TopicPartition P1 = new TopicPartition("orders", 1);
  private static final TopicPartition P2 = new TopicPartition("orders", 2);

  private final SubscriptionState subscriptions = new SubscriptionState();

  /** Each partition's log start and last stable offset; every offset between holds a record. */
  private final Map<TopicPartition, long[]> logs = new HashMap<>();

  private final List<String> reads = new ArrayList<>();

  /** Runs after a reset looked a partition's bounds up, as retention might. */
  private Runnable onOffsets = () -> {};

  private Fetcher fetcher(OffsetResetStrategy reset) {
    return new Fetcher(subscriptions, this::read, this::offsets, reset);
  }

  private FetchResult read(TopicPartition partition, long offset, int maxBytes) {
    reads.add(partition + "@" + offset);
    long[] bounds = logs.get(partition);
    if (bounds == null) {
      throw new TributaryException(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "no " + partition);
    }
    if (offset < bounds[0] || offset > bounds[1]) {
      throw new TributaryException(ErrorCode.OFFSET_OUT_OF_RANGE, partition + "@" + offset);
    }
    List<Record> records = new ArrayList<>();
    long next = offset;
    for (int bytes = 0; next < bounds[1] && (records.isEmpty() || bytes < maxBytes); next++) {
      records.add(SubscriptionStateTest.record(next));
      bytes += RECORD_BYTES;
    }
    return new FetchResult(partition, records, bounds[0], bounds[1], next);
  }

  private PartitionOffsets offsets(TopicPartition partition) {
    long[] bounds = logs.get(partition);
    PartitionOffsets now = new PartitionOffsets(partition.partition(), bounds[0], bounds[1]);
    onOffsets.run();
    return now;
  }

  private void own(Map<TopicPartition, Long> positions) {
    subscriptions.assign(List.copyOf(new TreeSet<>(positions.keySet())));
    subscriptions.initializePositions(positions);
  }

  @Test
  void readsEveryOwnedPartitionFromItsPositionAndMovesPastWhatItRead() {
    logs.put(P0, new long[] {0, 3});
    logs.put(P1, new long[] {0, 5});
    own(Map.of(P0, 1L, P1, 5L));
    List<ConsumedRecord> received = new ArrayList<>();

    Map<TopicPartition, Long> waitFrom =
        fetcher(OffsetResetStrategy.LATEST).fetchAvailable(received, 1000);

    assertEquals(List.of("orders-0@1", "orders-1@5"), reads);
    assertEquals(List.of(1L, 2L), received.stream().map(r -> r.record().offset()).toList());
    assertEquals(Map.of(P0, 3L, P1, 5L), subscriptions.positions());
    assertEquals(Map.of(P0, 3L, P1, 5L), waitFrom);
  }

  @Test
  void eachFetchStartsAtThePartitionAfterTheOneTheLastStartedAt() {
    logs.put(P0, new long[] {0, 100});
    logs.put(P1, new long[] {0, 100});
    logs.put(P2, new long[] {0, 100});
    own(Map.of(P0, 0L, P1, 0L, P2, 0L));
    Fetcher fetcher = fetcher(OffsetResetStrategy.LATEST);

    List<String> firstReads = new ArrayList<>();
    for (int poll = 0; poll < 4; poll++) {
      reads.clear();
      fetcher.fetchAvailable(new ArrayList<>(), RECORD_BYTES);
      firstReads.addAll(reads);
    }

    assertEquals(List.of("orders-0@0", "orders-1@0", "orders-2@0", "orders-0@1"), firstReads);
  }

  @Test
  void partitionsTheBudgetDidNotReachCanStillBeWaitedOnFromTheirPositions() {
    logs.put(P0, new long[] {0, 100});
    logs.put(P1, new long[] {0, 100});
    own(Map.of(P0, 0L, P1, 7L));

    Map<TopicPartition, Long> waitFrom =
        fetcher(OffsetResetStrategy.LATEST).fetchAvailable(new ArrayList<>(), 2 * RECORD_BYTES);

    assertEquals(List.of("orders-0@0"), reads);
    assertEquals(Map.of(P0, 2L, P1, 7L), waitFrom);
  }

  @Test
  void aPositionBelowTheLogStartMovesWhereAutoOffsetResetSays() {
    logs.put(P0, new long[] {10, 12});
    own(Map.of(P0, 3L));
    List<ConsumedRecord> received = new ArrayList<>();

    fetcher(OffsetResetStrategy.EARLIEST).fetchAvailable(received, 1000);

    assertEquals(List.of("orders-0@3", "orders-0@10"), reads);
    assertEquals(List.of(10L, 11L), received.stream().map(r -> r.record().offset()).toList());
    assertEquals(12L, subscriptions.position(P0));
  }

  @Test
  void latestSkipsToTheEndOfTheLog() {
    logs.put(P0, new long[] {10, 12});
    own(Map.of(P0, 30L));
    List<ConsumedRecord> received = new ArrayList<>();

    fetcher(OffsetResetStrategy.LATEST).fetchAvailable(received, 1000);

    assertEquals(List.of(), received);
    assertEquals(12L, subscriptions.position(P0));
  }

  @Test
  void aLogStartThatMovesBetweenTheResetAndTheReadIsFollowedOnce() {
    logs.put(P0, new long[] {10, 20});
    own(Map.of(P0, 3L));
    onOffsets =
        () -> {
          logs.get(P0)[0] = 15;
          onOffsets = () -> {};
        };

    fetcher(OffsetResetStrategy.EARLIEST).fetchAvailable(new ArrayList<>(), RECORD_BYTES);

    assertEquals(List.of("orders-0@3", "orders-0@10", "orders-0@15"), reads);
    assertEquals(16L, subscriptions.position(P0));
  }

  @Test
  void aLogStartThatKeepsMovingAheadOfTheResetReachesThePoll() {
    logs.put(P0, new long[] {10, 1000});
    own(Map.of(P0, 3L));
    onOffsets = () -> logs.get(P0)[0] += 5;

    assertRefused(
        ErrorCode.OFFSET_OUT_OF_RANGE,
        () -> fetcher(OffsetResetStrategy.EARLIEST).fetchAvailable(new ArrayList<>(), 1000));
    assertEquals(List.of("orders-0@3", "orders-0@10", "orders-0@15"), reads);
  }

  @Test
  void withoutAutoOffsetResetAPositionOutOfRangeIsRefused() {
    logs.put(P0, new long[] {10, 12});
    own(Map.of(P0, 3L));

    assertRefused(
        ErrorCode.NO_OFFSET_FOR_PARTITION,
        () -> fetcher(OffsetResetStrategy.NONE).fetchAvailable(new ArrayList<>(), 1000));
  }

  @Test
  void aPartitionOfADeletedTopicIsSkippedAndNotWaitedOn() {
    logs.put(P1, new long[] {0, 1});
    own(Map.of(P0, 0L, P1, 0L));
    List<ConsumedRecord> received = new ArrayList<>();

    Map<TopicPartition, Long> waitFrom =
        fetcher(OffsetResetStrategy.LATEST).fetchAvailable(received, 1000);

    assertEquals(1, received.size());
    assertEquals(Map.of(P1, 1L), waitFrom);
    assertEquals(0L, subscriptions.position(P0));
  }

  @Test
  void recordsReadForDeliveryHoldCommitsBackToTheFirstOfThem() {
    logs.put(P0, new long[] {0, 10});
    own(Map.of(P0, 4L));
    List<ConsumedRecord> received = new ArrayList<>();
    subscriptions.startDelivery(received);
    Fetcher fetcher = fetcher(OffsetResetStrategy.LATEST);

    fetcher.fetchAvailable(received, RECORD_BYTES);
    fetcher.fetchAvailable(received, RECORD_BYTES);

    assertEquals(6L, subscriptions.position(P0));
    assertEquals(Map.of(P0, 4L), subscriptions.committablePositions());
  }
}
