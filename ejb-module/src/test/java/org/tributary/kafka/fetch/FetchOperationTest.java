package org.tributary.kafka.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;
import org.tributary.errors.TributaryException;
import org.tributary.log.EncodedBatch;
import org.tributary.log.LogReadResult;
import org.tributary.topic.TopicPartition;

class FetchOperationTest {

  private static final TopicPartition A = new TopicPartition("t", 0);
  private static final TopicPartition B = new TopicPartition("t", 1);
  private static final TopicPartition C = new TopicPartition("u", 0);

  /** Each partition's batches from offset 0, all below its last stable offset. */
  private final Map<TopicPartition, List<EncodedBatch>> stored = new HashMap<>();

  private final List<String> reads = new ArrayList<>();
  private final List<List<LogReadResult>> sent = new ArrayList<>();
  private final List<Map<TopicPartition, Long>> waits = new ArrayList<>();
  private CompletableFuture<Void> arrival = new CompletableFuture<>();
  private Instant now = Instant.parse("2026-12-07T12:00:00Z");

  private final FetchOperation operation =
      new FetchOperation(this::read, this::await, Runnable::run, clock(), sent::add);

  private LogReadResult read(
      String topic, int partition, long offset, int maxBytes, boolean minOneBatch) {
    TopicPartition asked = new TopicPartition(topic, partition);
    reads.add(asked + "@" + offset + " max " + maxBytes + (minOneBatch ? " min one" : ""));
    if (!stored.containsKey(asked)) {
      throw TributaryException.unknownTopic(topic);
    }
    List<EncodedBatch> taken = new ArrayList<>();
    int bytes = 0;
    for (EncodedBatch batch : stored.get(asked)) {
      if (bytes + batch.bytes().length > maxBytes && !(minOneBatch && taken.isEmpty())) {
        break;
      }
      taken.add(batch);
      bytes += batch.bytes().length;
    }
    long lastStableOffset =
        stored.get(asked).isEmpty()
            ? 0
            : stored.get(asked).get(stored.get(asked).size() - 1).lastOffset() + 1;
    return new LogReadResult(asked, taken, 0, lastStableOffset);
  }

  private CompletionStage<Void> await(Map<TopicPartition, Long> beyond, Duration maxWait) {
    waits.add(beyond);
    return arrival;
  }

  private Clock clock() {
    return new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now;
      }
    };
  }

  private static EncodedBatch batch(long baseOffset, int size) {
    return new EncodedBatch(baseOffset, baseOffset, 0, 0, 1, new byte[size]);
  }

  private static PartitionFetch fetch(TopicPartition partition, int maxBytes) {
    return new PartitionFetch(partition, 0, maxBytes);
  }

  private static int bytes(List<FetchedPartition> answer) {
    return answer.stream().mapToInt(FetchedPartition::sizeInBytes).sum();
  }

  @Test
  void theRequestLimitShrinksAndOnlyTheFirstBatchFoundMayPassIt() {
    stored.put(A, List.of(batch(0, 100), batch(1, 100)));
    stored.put(B, List.of(batch(0, 100)));
    stored.put(C, List.of(batch(0, 30)));
    List<FetchedPartition> answer =
        operation.readAll(List.of(fetch(A, 1_000), fetch(B, 1_000), fetch(C, 20)), 150);
    assertEquals(List.of("t-0@0 max 150 min one", "t-1@0 max 50", "u-0@0 max 20"), reads, "asked");
    assertEquals(List.of(100, 0, 0), answer.stream().map(FetchedPartition::sizeInBytes).toList());
  }

  @Test
  void anEmptyPartitionLeavesTheNextOneItsLargeFirstBatch() {
    stored.put(A, List.of());
    stored.put(B, List.of(batch(0, 300)));
    List<FetchedPartition> answer = operation.readAll(List.of(fetch(A, 100), fetch(B, 100)), 150);
    assertEquals(List.of("t-0@0 max 100 min one", "t-1@0 max 100 min one"), reads);
    assertEquals(300, bytes(answer), "one whole batch, however large");
  }

  @Test
  void enoughBytesAnErrorOrNoWaitAnswerAtOnce() {
    stored.put(A, List.of(batch(0, 10)));
    assertEquals(
        10,
        bytes(
            operation
                .fetch(List.of(fetch(A, 100)), new FetchParams(500, 10, 100))
                .toCompletableFuture()
                .join()));
    List<FetchedPartition> failed =
        operation
            .fetch(List.of(fetch(A, 100), fetch(C, 100)), new FetchParams(500, 1_000, 1_000))
            .toCompletableFuture()
            .join();
    assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION, failed.get(1).error());
    assertEquals(
        10,
        bytes(
            operation
                .fetch(List.of(fetch(A, 100)), new FetchParams(0, 1_000, 1_000))
                .toCompletableFuture()
                .join()));
    assertTrue(waits.isEmpty());
  }

  @Test
  void belowMinBytesTheFetchWaitsBeyondTheLastStableOffsetsAndReadsAgainAtEachArrival() {
    stored.put(A, new ArrayList<>(List.of(batch(0, 10))));
    stored.put(B, new ArrayList<>());
    CompletableFuture<List<FetchedPartition>> answer =
        operation
            .fetch(List.of(fetch(A, 1_000), fetch(B, 1_000)), new FetchParams(500, 50, 1_000))
            .toCompletableFuture();
    assertFalse(answer.isDone());
    assertEquals(List.of(Map.of(A, 1L, B, 0L)), waits);

    stored.get(B).add(batch(0, 20)); // 30 bytes: not yet enough
    CompletableFuture<Void> first = arrival;
    arrival = new CompletableFuture<>();
    first.complete(null);
    assertFalse(answer.isDone());
    assertEquals(Map.of(A, 1L, B, 1L), waits.get(1));

    stored.get(A).add(batch(1, 40));
    assertTrue(sent.isEmpty(), "nothing counted while waiting");
    arrival.complete(null);
    assertEquals(70, bytes(answer.join()));
    assertEquals(1, sent.size(), "counted once, as answered");
    assertEquals(70, sent.get(0).stream().mapToInt(LogReadResult::sizeInBytes).sum());
  }

  @Test
  void atMaxWaitTheFetchAnswersWhatIsThere() {
    stored.put(A, new ArrayList<>(List.of(batch(0, 10))));
    CompletableFuture<List<FetchedPartition>> answer =
        operation
            .fetch(List.of(fetch(A, 1_000)), new FetchParams(500, 50, 1_000))
            .toCompletableFuture();
    now = now.plusMillis(500);
    arrival.complete(null); // the deadline's wake-up
    assertEquals(10, bytes(answer.join()));
    assertEquals(1, waits.size());
  }

  @Test
  void aTopicDeletedDuringTheWaitIsAnsweredWithItsError() {
    stored.put(A, List.of());
    CompletableFuture<List<FetchedPartition>> answer =
        operation
            .fetch(List.of(fetch(A, 1_000)), new FetchParams(500, 1, 1_000))
            .toCompletableFuture();
    stored.remove(A);
    arrival.completeExceptionally(TributaryException.unknownTopic("t"));
    assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION, answer.join().get(0).error());
  }
}
