package org.tributary.log;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

/**
 * Appends produced records through the {@link GroupCommitWriter}, on a thread of its own, and
 * answers each producer within {@code tributary.produce.timeout-ms}.
 */
public final class LogAppender {

  private final GroupCommitWriter writer;
  private final ProduceRouting routing;
  private final ScheduledExecutorService deadlines;
  private final long produceTimeoutMillis;
  private final LogMetrics metrics;
  private Thread writerThread;

  LogAppender(
      GroupCommitWriter writer,
      ProduceRouting routing,
      ScheduledExecutorService deadlines,
      long produceTimeoutMillis,
      LogMetrics metrics) {
    this.writer = writer;
    this.routing = routing;
    this.deadlines = deadlines;
    this.produceTimeoutMillis = produceTimeoutMillis;
    this.metrics = metrics;
  }

  void start(ThreadFactory threads) {
    writerThread = threads.newThread(writer);
    writerThread.setName("tributary-group-commit");
    writerThread.start();
  }

  void stop(Duration grace) {
    writer.stop();
    try {
      writerThread.join(grace.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Appends records to a topic, each to the partition the partitioner chooses. The stage completes,
   * in the records' order, once every record is durable.
   */
  public CompletionStage<List<RecordMetadata>> append(String topicName, List<NewRecord> records) {
    if (records.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    ProduceRouting.Routed routed = routing.route(topicName, records);
    CompletableFuture<List<RecordMetadata>> done = new CompletableFuture<>();
    writer.submit(
        new PendingAppend(routed.topic(), routed.partitions(), List.copyOf(records), done));
    answerWithinDeadline(done);
    return done.thenApply(
        appended -> {
          metrics.produced(records.size(), NewRecord.payloadBytes(records));
          return appended;
        });
  }

  /**
   * Appends a Kafka producer's validated batches (one request, one pending append): each is stored
   * as it is at the next offsets of its partition, unless its producer's sequence makes it a retry
   * (answered with the original offsets) or refuses it. The stage completes, in the batches' order,
   * once all are durable.
   */
  public CompletionStage<List<BatchAppendResult>> appendBatches(List<ProducedBatch> batches) {
    if (batches.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    CompletableFuture<List<BatchAppendResult>> done = new CompletableFuture<>();
    // Never waits for room: it runs on a Kafka request handler, shared by many connections.
    writer.submit(
        new PendingBatches(List.copyOf(batches), routing.logsOf(batches), done), Duration.ZERO);
    answerWithinDeadline(done);
    return done.thenApply(
        results -> {
          int records = 0;
          long bytes = 0;
          for (int i = 0; i < results.size(); i++) {
            if (results.get(i).error() == null) {
              records += batches.get(i).recordCount();
              bytes += batches.get(i).sizeInBytes();
            }
          }
          metrics.produced(records, bytes);
          return results;
        });
  }

  /**
   * A producer gets Kafka's retriable REQUEST_TIMED_OUT instead of waiting for ever when the
   * database is stuck. An append still queued then is never written; one the writer was storing may
   * still be.
   */
  private void answerWithinDeadline(CompletableFuture<?> done) {
    ScheduledFuture<?> deadline =
        deadlines.schedule(
            () ->
                done.completeExceptionally(
                    new TributaryException(
                        ErrorCode.REQUEST_TIMED_OUT,
                        "The records were not acknowledged within "
                            + produceTimeoutMillis
                            + " ms (tributary.produce.timeout-ms): the database is slow or"
                            + " blocked. They may or may not be appended; retry.")),
            produceTimeoutMillis,
            TimeUnit.MILLISECONDS);
    done.whenComplete((appended, failure) -> deadline.cancel(false));
  }
}
