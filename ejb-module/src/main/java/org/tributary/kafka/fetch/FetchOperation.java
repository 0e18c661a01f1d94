package org.tributary.kafka.fetch;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.kafka.common.protocol.Errors;
import org.tributary.kafka.KafkaErrors;
import org.tributary.log.LogReadResult;
import org.tributary.topic.TopicPartition;

/**
 * One Fetch request's reads and its wait, as Kafka's {@code ReplicaManager.fetchMessages} with its
 * {@code DelayedFetch}: partitions are read in request order within the request's and each
 * partition's byte limits (the first batch found is taken whatever its size); with less than {@code
 * min_bytes} read and no error, the request waits for new data without holding a thread and reads
 * again at each arrival, until it has enough or {@code max_wait_ms} has passed.
 */
final class FetchOperation {

  private final BatchReader reader;
  private final BiFunction<Map<TopicPartition, Long>, Duration, CompletionStage<Void>> awaitData;
  private final Executor resume;
  private final Clock clock;
  private final Consumer<List<LogReadResult>> sent;

  /**
   * @param awaitData completes when any partition's last stable offset passes the offset given, or
   *     after the duration (possibly on a timer thread, which must not read)
   * @param resume where a woken request reads again
   * @param sent told once what the request answers (for the fetched records' metrics)
   */
  FetchOperation(
      BatchReader reader,
      BiFunction<Map<TopicPartition, Long>, Duration, CompletionStage<Void>> awaitData,
      Executor resume,
      Clock clock,
      Consumer<List<LogReadResult>> sent) {
    this.reader = reader;
    this.awaitData = awaitData;
    this.resume = resume;
    this.clock = clock;
    this.sent = sent;
  }

  /** Completes with one answer per partition, in request order. */
  CompletionStage<List<FetchedPartition>> fetch(
      List<PartitionFetch> partitions, FetchParams params) {
    long deadline = clock.millis() + Math.max(0, params.maxWaitMs());
    return round(partitions, params, deadline);
  }

  private CompletionStage<List<FetchedPartition>> round(
      List<PartitionFetch> partitions, FetchParams params, long deadline) {
    List<FetchedPartition> read = readAll(partitions, params.maxBytes());
    long left = deadline - clock.millis();
    if (left <= 0 || partitions.isEmpty() || enough(read, params.minBytes()) || anyError(read)) {
      List<LogReadResult> answered = new ArrayList<>(read.size());
      read.forEach(
          partition -> {
            if (partition.read() != null) {
              answered.add(partition.read());
            }
          });
      sent.accept(answered);
      return CompletableFuture.completedFuture(read);
    }
    Map<TopicPartition, Long> beyond = new LinkedHashMap<>();
    read.forEach(
        partition -> beyond.put(partition.partition(), partition.read().lastStableOffset()));
    return awaitData
        .apply(beyond, Duration.ofMillis(left))
        // A topic deleted meanwhile ends the wait too; the next read answers its error.
        .handleAsync((ignored, error) -> null, resume)
        .thenCompose(ignored -> round(partitions, params, deadline));
  }

  /** Kafka's {@code readFromLog}: the request's limit shrinks with every partition read. */
  List<FetchedPartition> readAll(List<PartitionFetch> partitions, int maxBytes) {
    List<FetchedPartition> read = new ArrayList<>(partitions.size());
    int limit = Math.max(0, maxBytes);
    boolean minOneBatch = true;
    for (PartitionFetch fetch : partitions) {
      TopicPartition partition = fetch.partition();
      try {
        FetchedPartition fetched =
            FetchedPartition.of(
                reader.read(
                    partition.topic(),
                    partition.partition(),
                    fetch.fetchOffset(),
                    Math.min(Math.max(0, fetch.maxBytes()), limit),
                    minOneBatch));
        int size = fetched.sizeInBytes();
        if (size > 0) {
          minOneBatch = false;
        }
        limit = Math.max(0, limit - size);
        read.add(fetched);
      } catch (RuntimeException e) {
        read.add(FetchedPartition.failed(partition, KafkaErrors.errorOf(e)));
      }
    }
    return read;
  }

  private static boolean enough(List<FetchedPartition> read, int minBytes) {
    long bytes = 0;
    for (FetchedPartition partition : read) {
      bytes += partition.sizeInBytes();
    }
    return bytes >= minBytes;
  }

  private static boolean anyError(List<FetchedPartition> read) {
    return read.stream().anyMatch(partition -> partition.error() != Errors.NONE);
  }
}
