package org.tributary.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import org.tributary.topic.TopicPartition;

/**
 * A consumer's long poll, as Kafka's {@code KafkaConsumer.poll}: rounds of reading what is there
 * until {@code fetch.min.bytes} have arrived, the byte budget is spent or the wait is over. Between
 * rounds it waits on every owned partition at once, holding no thread and no lock, for at most a
 * heartbeat interval, so that each round also tells the group the consumer is alive.
 */
final class LongPoll {

  /** The longest a waiting poll goes without telling the group it is alive. */
  private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(3);

  /** How often a poll that owns no partition yet asks the group again during its wait. */
  private static final Duration REBALANCE_RECHECK = Duration.ofMillis(100);

  /**
   * One round, under the consumer's monitor: learn the assignment, read into the poll's records up
   * to a budget, and return the positions to wait on; empty once the consumer is closed.
   */
  @FunctionalInterface
  interface Round {
    Optional<Map<TopicPartition, Long>> read(
        List<ConsumedRecord> received, int budget, boolean first);
  }

  private final Round round;
  private final BiFunction<Map<TopicPartition, Long>, Duration, CompletionStage<Void>> awaitData;
  private final Executor executor;
  private final LongSupplier nanoTime;
  private final int fetchMinBytes;
  private final Duration heartbeatInterval;

  /**
   * @param awaitData completes when any of the partitions grows past its position, or after the
   *     wait
   * @param executor where the next round runs (never the thread that signalled data or the timeout)
   */
  LongPoll(
      Round round,
      BiFunction<Map<TopicPartition, Long>, Duration, CompletionStage<Void>> awaitData,
      Executor executor,
      LongSupplier nanoTime,
      ConsumerOptions options) {
    this.round = round;
    this.awaitData = awaitData;
    this.executor = executor;
    this.nanoTime = nanoTime;
    this.fetchMinBytes = Math.max(1, options.fetchMinBytes());
    this.heartbeatInterval = heartbeatInterval(options.sessionTimeout());
  }

  /** The heartbeat interval, shorter for short sessions so a waiting consumer never expires. */
  static Duration heartbeatInterval(Duration sessionTimeout) {
    Duration third = sessionTimeout.dividedBy(3);
    return third.compareTo(HEARTBEAT_INTERVAL) < 0 ? third : HEARTBEAT_INTERVAL;
  }

  /** The deadline of a poll that starts now and waits at most {@code maxWait}. */
  long deadlineAfter(Duration maxWait) {
    return nanoTime.getAsLong() + Math.max(0, maxWait.toNanos());
  }

  /**
   * Polls into {@code received} until {@code deadlineNanos} at the latest. The first round runs on
   * the calling thread and throws what it throws; records already read are never dropped: a failure
   * after some were read ends the poll with them.
   */
  CompletionStage<List<ConsumedRecord>> poll(
      List<ConsumedRecord> received, int maxBytes, long deadlineNanos) {
    return attempt(received, maxBytes, deadlineNanos, true);
  }

  private CompletionStage<List<ConsumedRecord>> attempt(
      List<ConsumedRecord> received, int maxBytes, long deadline, boolean first) {
    Optional<Map<TopicPartition, Long>> read;
    try {
      read = round.read(received, maxBytes - bytesOf(received), first);
    } catch (RuntimeException e) {
      if (received.isEmpty()) {
        throw e;
      }
      return CompletableFuture.completedFuture(received);
    }
    if (read.isEmpty()) {
      return CompletableFuture.completedFuture(received);
    }
    Map<TopicPartition, Long> waitFrom = read.get();
    long remaining = deadline - nanoTime.getAsLong();
    int bytes = bytesOf(received);
    if (bytes >= fetchMinBytes || bytes >= maxBytes || remaining <= 0) {
      return CompletableFuture.completedFuture(received);
    }
    Duration wait = Duration.ofNanos(remaining);
    Duration heartbeat = waitFrom.isEmpty() ? REBALANCE_RECHECK : heartbeatInterval;
    Duration roundWait = wait.compareTo(heartbeat) > 0 ? heartbeat : wait;
    return NextRound.after(
        () -> awaitData.apply(waitFrom, roundWait),
        executor,
        () -> attempt(received, maxBytes, deadline, false),
        received);
  }

  private static int bytesOf(List<ConsumedRecord> records) {
    int bytes = 0;
    for (ConsumedRecord record : records) {
      bytes += record.record().sizeInBytes();
    }
    return bytes;
  }
}
