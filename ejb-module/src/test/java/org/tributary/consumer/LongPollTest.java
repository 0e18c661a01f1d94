package org.tributary.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.group.OffsetResetStrategy;
import org.tributary.group.RangeAssignor;
import org.tributary.topic.TopicPartition;

/** The poll loop on a clock that moves only when the poll waits; every wait ends at once. */
class LongPollTest {

  private static final int RECORD_BYTES = 10;
  private static final Map<TopicPartition, Long> OWNS_ONE = Map.of(new TopicPartition("t", 0), 4L);

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final List<Duration> waits = new ArrayList<>();
  private final List<String> rounds = new ArrayList<>();

  /** What each round reads (records) or does; when none is left a round reads nothing. */
  private final Deque<Object> script = new ArrayDeque<>();

  private Map<TopicPartition, Long> waitFrom = OWNS_ONE;
  private long offset;

  private LongPoll longPoll(int fetchMinBytes, Duration sessionTimeout) {
    ConsumerOptions options =
        new ConsumerOptions(
            "c",
            OffsetResetStrategy.LATEST,
            false,
            fetchMinBytes,
            sessionTimeout,
            RangeAssignor.NAME);
    return new LongPoll(this::round, this::awaitData, Runnable::run, now::get, options);
  }

  private Optional<Map<TopicPartition, Long>> round(
      List<ConsumedRecord> received, int budget, boolean first) {
    rounds.add((first ? "first" : "next") + " budget " + budget);
    Object step = script.poll();
    if (step instanceof RuntimeException e) {
      throw e;
    }
    if ("closed".equals(step)) {
      return Optional.empty();
    }
    int records = step == null ? 0 : (Integer) step;
    for (int i = 0; i < records; i++) {
      received.add(new ConsumedRecord("t", 0, SubscriptionStateTest.record(offset++)));
    }
    return Optional.of(waitFrom);
  }

  private CompletionStage<Void> awaitData(Map<TopicPartition, Long> from, Duration wait) {
    assertEquals(waitFrom, from);
    waits.add(wait);
    now.addAndGet(wait.toNanos());
    return CompletableFuture.completedFuture(null);
  }

  private List<ConsumedRecord> poll(LongPoll longPoll, int maxBytes, Duration maxWait) {
    return longPoll
        .poll(new ArrayList<>(), maxBytes, longPoll.deadlineAfter(maxWait))
        .toCompletableFuture()
        .join();
  }

  @Test
  void aPollThatFindsRecordsReturnsThemWithoutWaiting() {
    script.add(2);

    List<ConsumedRecord> records = poll(longPoll(1, Duration.ofSeconds(45)), 1000, seconds(30));

    assertEquals(2, records.size());
    assertEquals(List.of("first budget 1000"), rounds);
    assertEquals(List.of(), waits);
  }

  @Test
  void aPollWithNothingThereWaitsAHeartbeatIntervalAtATimeUntilItsDeadline() {
    List<ConsumedRecord> records = poll(longPoll(1, Duration.ofSeconds(45)), 1000, seconds(7));

    assertEquals(List.of(), records);
    assertEquals(List.of(seconds(3), seconds(3), seconds(1)), waits);
    assertEquals(
        List.of("first budget 1000", "next budget 1000", "next budget 1000", "next budget 1000"),
        rounds);
  }

  @Test
  void aShortSessionHeartbeatsEveryThirdOfIt() {
    poll(longPoll(1, Duration.ofSeconds(6)), 1000, seconds(5));

    assertEquals(List.of(seconds(2), seconds(2), seconds(1)), waits);
    assertEquals(seconds(3), LongPoll.heartbeatInterval(Duration.ofSeconds(45)));
  }

  @Test
  void aPollThatOwnsNoPartitionYetAsksTheGroupAgainEveryTenthOfASecond() {
    waitFrom = Map.of();

    poll(longPoll(1, Duration.ofSeconds(45)), 1000, Duration.ofMillis(250));

    assertEquals(
        List.of(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(50)), waits);
  }

  @Test
  void recordsArrivingDuringTheWaitEndThePoll() {
    script.add(0);
    script.add(1);

    List<ConsumedRecord> records = poll(longPoll(1, Duration.ofSeconds(45)), 1000, seconds(30));

    assertEquals(1, records.size());
    assertEquals(List.of(seconds(3)), waits);
  }

  @Test
  void fetchMinBytesKeepsThePollWaitingForMoreAndEachRoundReadsWhatIsLeftOfTheBudget() {
    script.add(1);
    script.add(1);
    script.add(1);

    List<ConsumedRecord> records =
        poll(longPoll(3 * RECORD_BYTES, Duration.ofSeconds(45)), 1000, seconds(30));

    assertEquals(3, records.size());
    assertEquals(List.of("first budget 1000", "next budget 990", "next budget 980"), rounds);
    assertEquals(2, waits.size());
  }

  @Test
  void aPollEndsWhenItsByteBudgetIsSpentEvenBelowFetchMinBytes() {
    script.add(2);

    List<ConsumedRecord> records =
        poll(longPoll(1000, Duration.ofSeconds(45)), 2 * RECORD_BYTES, seconds(30));

    assertEquals(2, records.size());
    assertEquals(List.of(), waits);
  }

  @Test
  void fetchMinBytesOfZeroStillWaitsForOneRecord() {
    script.add(0);
    script.add(1);

    poll(longPoll(0, Duration.ofSeconds(45)), 1000, seconds(30));

    assertEquals(List.of(seconds(3)), waits);
  }

  @Test
  void aPollWithNoWaitReadsOnce() {
    poll(longPoll(1, Duration.ofSeconds(45)), 1000, Duration.ZERO);

    assertEquals(List.of("first budget 1000"), rounds);
    assertEquals(List.of(), waits);
  }

  @Test
  void aFirstRoundThatFailsWithNothingReadThrowsToTheCaller() {
    TributaryException refused = new TributaryException(ErrorCode.ILLEGAL_GENERATION, "fenced");
    script.add(refused);
    LongPoll longPoll = longPoll(1, Duration.ofSeconds(45));

    assertSame(
        refused,
        assertThrows(
            TributaryException.class,
            () -> longPoll.poll(new ArrayList<>(), 1000, longPoll.deadlineAfter(seconds(30)))));
  }

  @Test
  void aRoundThatFailsAfterRecordsWereReadEndsThePollWithThem() {
    script.add(1);
    script.add(new TributaryException(ErrorCode.ILLEGAL_GENERATION, "fenced"));

    List<ConsumedRecord> records =
        poll(longPoll(5 * RECORD_BYTES, Duration.ofSeconds(45)), 1000, seconds(30));

    assertEquals(1, records.size());
    assertEquals(2, rounds.size());
  }

  @Test
  void aConsumerClosedDuringTheWaitEndsThePollWithWhatItRead() {
    script.add(1);
    script.add("closed");

    List<ConsumedRecord> records =
        poll(longPoll(5 * RECORD_BYTES, Duration.ofSeconds(45)), 1000, seconds(30));

    assertEquals(1, records.size());
    assertEquals(1, waits.size());
    assertEquals(2, rounds.size());
  }

  private static Duration seconds(long seconds) {
    return Duration.ofSeconds(seconds);
  }
}
