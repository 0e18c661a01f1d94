package org.tributary.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicConfig;
import org.tributary.topic.TopicMetadata;

class LogAppenderTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);
  private static final TopicMetadata TOPIC =
      new TopicMetadata(1, "t", 1, TopicConfig.defaults(), Instant.EPOCH);

  private final ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1);
  private final AtomicInteger writerChecks = new AtomicInteger();
  private final List<Integer> produced = new ArrayList<>();
  private final LogMetrics metrics =
      new LogMetrics() {
        @Override
        void produced(int records, long bytes) {
          produced.add(records);
        }
      };
  private LogAppender started;

  private LogAppender appender(long produceTimeoutMillis) {
    OpenLogs logs = new OpenLogs(name -> Optional.of(TOPIC));
    logs.recover(
        new LogRecovery(
            List.of(), List.of(), 1 << 20, new TailCacheBudget(1 << 20), null, log -> {}),
        List.of(TOPIC),
        List.of());
    ProduceRouting routing =
        new ProduceRouting(writerChecks::incrementAndGet, name -> TOPIC, logs, CLOCK);
    GroupCommitWriter writer =
        new GroupCommitWriter(
            rows -> {}, row -> true, topicId -> {}, CLOCK, 100, Long.MAX_VALUE, 16, Runnable::run);
    deadlines.setRemoveOnCancelPolicy(true);
    return new LogAppender(writer, routing, deadlines, produceTimeoutMillis, metrics);
  }

  @AfterEach
  void stop() {
    if (started != null) {
      started.stop(Duration.ofSeconds(10));
    }
    deadlines.shutdownNow();
  }

  private static List<NewRecord> records(String... values) {
    return Arrays.stream(values)
        .map(value -> NewRecord.of(null, value.getBytes(StandardCharsets.UTF_8)))
        .toList();
  }

  @Test
  void durableRecordsAreAcknowledgedInOrderAndCounted() {
    LogAppender appender = appender(Duration.ofHours(1).toMillis());
    appender.start(Thread::new);
    started = appender;
    List<RecordMetadata> appended =
        appender.append("t", records("a", "b")).toCompletableFuture().join();
    assertEquals(List.of(0L, 1L), appended.stream().map(RecordMetadata::offset).toList());
    assertEquals(List.of(2), produced);
  }

  @Test
  void aProducerIsAnsweredRequestTimedOutWhenNoCommitComesInTime() {
    LogAppender appender = appender(0); // the writer is never started: nothing commits
    CompletionException timedOut =
        assertThrows(
            CompletionException.class,
            () -> appender.append("t", records("a")).toCompletableFuture().join());
    assertEquals(ErrorCode.REQUEST_TIMED_OUT, ((TributaryException) timedOut.getCause()).code());
    assertEquals(List.of(), produced, "nothing counted as produced");
  }

  @Test
  void anEmptyRequestIsAnsweredWithoutAskingAnything() {
    LogAppender appender = appender(0);
    assertEquals(List.of(), appender.append("t", List.of()).toCompletableFuture().join());
    assertEquals(0, writerChecks.get());
  }
}
