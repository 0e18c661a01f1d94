package org.tributary.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.testing.Refusals.assertRefused;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicConfig;
import org.tributary.topic.TopicMetadata;

class GroupCommitWriterTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);
  private static final TopicMetadata TOPIC =
      new TopicMetadata(1, "t", 2, TopicConfig.defaults(), Instant.EPOCH);

  private static final TailCacheBudget UNBOUNDED = new TailCacheBudget(Long.MAX_VALUE);

  private final List<List<StoredBatch>> commits = new CopyOnWriteArrayList<>();

  /** The rows a store really committed, by key; what the writer's outcome check reads. */
  private final Set<String> storedKeys = ConcurrentHashMap.newKeySet();

  private final Predicate<StoredBatch> stored = row -> storedKeys.contains(key(row));
  private final List<Long> deadTopics = new CopyOnWriteArrayList<>();
  private Thread thread;
  private GroupCommitWriter writer;
  private long maxQueuedBytes = Long.MAX_VALUE;

  private void start(Consumer<List<StoredBatch>> store) {
    writer =
        new GroupCommitWriter(
            store, stored, deadTopics::add, CLOCK, 10_000, maxQueuedBytes, 4096, Runnable::run);
    thread = new Thread(writer);
    thread.start();
  }

  private final CountDownLatch firstCommitStarted = new CountDownLatch(1);
  private final CountDownLatch releaseFirstCommit = new CountDownLatch(1);

  /**
   * Starts a writer whose store records every commit and holds the first one until {@link
   * #releaseFirstCommit} counts down, so a test can queue appends behind it; {@code later} then
   * stores (or refuses) every further commit.
   */
  private void startHoldingTheFirstCommit(Consumer<List<StoredBatch>> later) {
    start(
        rows -> {
          commits.add(rows);
          if (commits.size() == 1) {
            firstCommitStarted.countDown();
            await(releaseFirstCommit);
            return;
          }
          later.accept(rows);
        });
  }

  /** Submits a first append and waits until the writer is storing it. */
  private void occupyTheWriter(PartitionLog log) throws InterruptedException {
    writer.submit(append(log, "first"));
    assertTrue(firstCommitStarted.await(5, TimeUnit.SECONDS));
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (writer != null) {
      writer.stop();
      thread.join(5_000);
    }
  }

  private static PendingAppend append(PartitionLog log, String... values) {
    List<PartitionLog> logs = new ArrayList<>();
    List<NewRecord> records = new ArrayList<>();
    for (String value : values) {
      logs.add(log);
      records.add(NewRecord.of(null, value.getBytes(StandardCharsets.UTF_8)));
    }
    return new PendingAppend(TOPIC, logs, records, new CompletableFuture<>());
  }

  @Test
  void appendsQueuedWhileACommitRunsShareTheNextCommit() throws Exception {
    startHoldingTheFirstCommit(rows -> {});
    PartitionLog p0 =
        new PartitionLog(1, TOPIC.partition(0), 0, 0, 0, 1 << 20, UNBOUNDED, null, null);
    PartitionLog p1 =
        new PartitionLog(1, TOPIC.partition(1), 0, 0, 0, 1 << 20, UNBOUNDED, null, null);

    occupyTheWriter(p0);
    List<PendingAppend> queued = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      PendingAppend next = append(i % 2 == 0 ? p0 : p1, "x" + i, "y" + i);
      queued.add(next);
      writer.submit(next);
    }
    releaseFirstCommit.countDown();
    for (PendingAppend append : queued) {
      append.done().get(5, TimeUnit.SECONDS);
    }

    assertEquals(2, commits.size(), "the 50 queued appends went into one transaction");
    assertEquals(2, commits.get(1).size(), "one batch per partition");
    assertEquals(51, p0.lastStableOffset());
    assertEquals(50, p1.lastStableOffset());
  }

  @Test
  void appendsBeyondTheQueuedBytesAreRefusedUntilTheWriterTakesThem() throws Exception {
    maxQueuedBytes = 10;
    startHoldingTheFirstCommit(rows -> {});
    PartitionLog p0 =
        new PartitionLog(1, TOPIC.partition(0), 0, 0, 0, 1 << 20, UNBOUNDED, null, null);
    occupyTheWriter(p0);
    PendingAppend sixBytes = append(p0, "123456");
    writer.submit(sixBytes);

    TributaryException refused =
        assertRefused(ErrorCode.KAFKA_STORAGE_ERROR, () -> writer.submit(append(p0, "12345")));
    assertTrue(refused.getMessage().contains("queued.max.request.bytes=10"), refused::getMessage);
    writer.submit(append(p0, "1234"));

    releaseFirstCommit.countDown();
    sixBytes.done().get(5, TimeUnit.SECONDS);
    PendingAppend larger = append(p0, "larger than ten bytes alone");
    writer.submit(larger);
    assertEquals(1, larger.done().get(5, TimeUnit.SECONDS).size(), "an empty queue takes any");
  }

  @Test
  void aSubmitterThatMayNotWaitIsRefusedAtOnceWhenTheQueueIsFull() {
    GroupCommitWriter full =
        new GroupCommitWriter(
            rows -> {}, stored, deadTopics::add, CLOCK, 1, Long.MAX_VALUE, 4096, Runnable::run);
    PartitionLog p0 =
        new PartitionLog(1, TOPIC.partition(0), 0, 0, 0, 1 << 20, UNBOUNDED, null, null);
    full.submit(append(p0, "fills the queue of one"), Duration.ZERO);
    long started = System.nanoTime();
    TributaryException refused =
        assertRefused(
            ErrorCode.KAFKA_STORAGE_ERROR, () -> full.submit(append(p0, "no room"), Duration.ZERO));
    assertTrue(refused.getMessage().contains("overloaded"), refused::getMessage);
    assertTrue(
        System.nanoTime() - started < TimeUnit.SECONDS.toNanos(1), "refused without waiting");
  }

  @Test
  void anAppendAnsweredWhileQueuedIsNeverStored() throws Exception {
    startHoldingTheFirstCommit(rows -> {});
    PartitionLog p0 =
        new PartitionLog(1, TOPIC.partition(0), 0, 0, 0, 1 << 20, UNBOUNDED, null, null);
    occupyTheWriter(p0);
    PendingAppend timedOut = append(p0, "late");
    PendingAppend waiting = append(p0, "kept");
    writer.submit(timedOut);
    writer.submit(waiting);
    timedOut.done().completeExceptionally(new TributaryException(ErrorCode.REQUEST_TIMED_OUT, "t"));

    releaseFirstCommit.countDown();
    assertEquals(1L, waiting.done().get(5, TimeUnit.SECONDS).get(0).offset());
    assertEquals(2, commits.size());
    assertEquals(1, commits.get(1).get(0).toEncodedBatch().recordCount(), "only the kept record");
  }

  @Test
  void offsetsArePerPartitionContiguousInQueueOrder() throws Exception {
    start(commits::add);
    PartitionLog p0 =
        new PartitionLog(1, TOPIC.partition(0), 0, 40, 0, 1 << 20, UNBOUNDED, null, null);
    PendingAppend a = append(p0, "a", "b");
    PendingAppend b = append(p0, "c");
    writer.submit(a);
    writer.submit(b);
    List<RecordMetadata> first = a.done().get(5, TimeUnit.SECONDS);
    List<RecordMetadata> second = b.done().get(5, TimeUnit.SECONDS);
    assertEquals(List.of(40L, 41L), first.stream().map(RecordMetadata::offset).toList());
    assertEquals(List.of(42L), second.stream().map(RecordMetadata::offset).toList());
    assertEquals(CLOCK.millis(), first.get(0).timestamp());
  }

  @Test
  void failedCommitFailsItsProducersAndNeverReusesTheirOffsets() throws Exception {
    start(
        rows -> {
          commits.add(rows);
          if (commits.size() == 1) {
            throw new IllegalStateException("disk full");
          }
        });
    PartitionLog p0 =
        new PartitionLog(1, TOPIC.partition(0), 0, 0, 0, 1 << 20, UNBOUNDED, null, null);
    PendingAppend failing = append(p0, "a", "b");
    writer.submit(failing);
    ExecutionException error =
        assertThrows(ExecutionException.class, () -> failing.done().get(5, TimeUnit.SECONDS));
    assertEquals(
        ErrorCode.KAFKA_STORAGE_ERROR,
        assertInstanceOf(TributaryException.class, error.getCause()).code());
    assertEquals(2, p0.lastStableOffset(), "the failed offsets are a settled gap, not a hold-up");
    assertNull(p0.cachedFrom(0), "a gap has no records");

    PendingAppend next = append(p0, "c");
    writer.submit(next);
    assertEquals(2, next.done().get(5, TimeUnit.SECONDS).get(0).offset());
  }

  @Test
  void aRequestTheStoreRefusesFailsAloneNotEveryoneInItsCommit() throws Exception {
    PartitionLog good =
        new PartitionLog(1, TOPIC.partition(0), 0, 0, 0, 1 << 20, UNBOUNDED, null, null);
    PartitionLog bad =
        new PartitionLog(1, TOPIC.partition(1), 0, 0, 0, 1 << 20, UNBOUNDED, null, null);
    startHoldingTheFirstCommit(
        rows -> {
          if (containsPartition(rows, 1)) {
            throw new IllegalStateException("value too long for the column");
          }
        });
    occupyTheWriter(good);
    PendingAppend ok1 = append(good, "a");
    PendingAppend poison = append(bad, "b");
    PendingAppend ok2 = append(good, "c");
    writer.submit(ok1);
    writer.submit(poison);
    writer.submit(ok2);
    releaseFirstCommit.countDown();

    assertEquals(1, ok1.done().get(5, TimeUnit.SECONDS).size());
    assertEquals(1, ok2.done().get(5, TimeUnit.SECONDS).size());
    assertThrows(ExecutionException.class, () -> poison.done().get(5, TimeUnit.SECONDS));
  }

  @Test
  void whenTheDatabaseIsDownRetriesStopAfterAFewAndEveryoneIsAnswered() throws Exception {
    startHoldingTheFirstCommit(
        rows -> {
          throw new IllegalStateException("connection refused");
        });
    PartitionLog p0 =
        new PartitionLog(1, TOPIC.partition(0), 0, 0, 0, 1 << 20, UNBOUNDED, null, null);
    occupyTheWriter(p0);
    List<PendingAppend> queued = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      PendingAppend next = append(p0, "v" + i);
      queued.add(next);
      writer.submit(next);
    }
    releaseFirstCommit.countDown();
    for (PendingAppend append : queued) {
      assertThrows(ExecutionException.class, () -> append.done().get(5, TimeUnit.SECONDS));
    }
    assertEquals(1 + 1 + 3, commits.size(), "the first commit, the group, then three lone retries");
  }

  @Test
  void writerSurvivesAnErrorAndAnswersEveryProducer() throws Exception {
    start(
        rows -> {
          commits.add(rows);
          if (commits.size() == 1) {
            throw new OutOfMemoryError("simulated");
          }
        });
    PartitionLog p0 =
        new PartitionLog(1, TOPIC.partition(0), 0, 0, 0, 1 << 20, UNBOUNDED, null, null);
    PendingAppend failed = append(p0, "a");
    writer.submit(failed);
    assertThrows(ExecutionException.class, () -> failed.done().get(5, TimeUnit.SECONDS));
    PendingAppend next = append(p0, "b");
    writer.submit(next);
    assertEquals(1, next.done().get(5, TimeUnit.SECONDS).size());
  }

  @Test
  void appendsForADeletedTopicFailInsteadOfBeingStored() throws Exception {
    start(commits::add);
    PartitionLog p0 =
        new PartitionLog(1, TOPIC.partition(0), 0, 0, 0, 1 << 20, UNBOUNDED, null, null);
    p0.close(new IllegalStateException("deleted"));
    PendingAppend late = append(p0, "a");
    writer.submit(late);
    ExecutionException error =
        assertThrows(ExecutionException.class, () -> late.done().get(5, TimeUnit.SECONDS));
    assertEquals(
        ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
        assertInstanceOf(TributaryException.class, error.getCause()).code());
    assertTrue(commits.isEmpty());
  }

  @Test
  void aCommitThatFailsAfterItWasStoredIsAcknowledgedNotAppendedAgain() throws Exception {
    PartitionLog p0 =
        new PartitionLog(1, TOPIC.partition(0), 0, 0, 0, 1 << 20, UNBOUNDED, null, null);
    startHoldingTheFirstCommit(
        rows -> {
          boolean firstTry = storedKeys.isEmpty();
          rows.forEach(row -> storedKeys.add(key(row)));
          if (firstTry) {
            throw new IllegalStateException("I/O error: connection reset during COMMIT");
          }
        });
    occupyTheWriter(p0);
    PendingAppend a = append(p0, "a");
    PendingAppend b = append(p0, "b");
    writer.submit(a);
    writer.submit(b);
    releaseFirstCommit.countDown();

    assertEquals(1, a.done().get(5, TimeUnit.SECONDS).get(0).offset());
    assertEquals(2, b.done().get(5, TimeUnit.SECONDS).get(0).offset());
    assertEquals(2, commits.size(), "the stored commit was not appended again under new offsets");
    assertEquals(3, p0.lastStableOffset());
    assertEquals(List.of(1L), p0.cachedFrom(1).stream().map(EncodedBatch::baseOffset).toList());
  }

  @Test
  void aCommitWhoseOutcomeIsUnknownHoldsItsOffsetsUntilTheCheckAnswers() throws Exception {
    AtomicBoolean databaseDown = new AtomicBoolean(true);
    CountDownLatch checkedTwice = new CountDownLatch(2);
    writer =
        new GroupCommitWriter(
            rows -> {
              commits.add(rows);
              if (databaseDown.get()) {
                throw new IllegalStateException("connection lost");
              }
            },
            row -> {
              if (databaseDown.get()) {
                checkedTwice.countDown();
                throw new IllegalStateException("connection refused");
              }
              return stored.test(row);
            },
            deadTopics::add,
            CLOCK,
            10_000,
            Long.MAX_VALUE,
            4096,
            Runnable::run);
    thread = new Thread(writer);
    thread.start();
    PartitionLog p0 =
        new PartitionLog(1, TOPIC.partition(0), 0, 0, 0, 1 << 20, UNBOUNDED, null, null);
    PendingAppend doubtful = append(p0, "a", "b");
    writer.submit(doubtful);
    assertTrue(checkedTwice.await(5, TimeUnit.SECONDS), "the writer asks again");
    assertTrue(!doubtful.done().isDone(), "no answer while nobody knows");
    assertEquals(
        0, p0.lastStableOffset(), "no consumer passes offsets that may still hold records");
    assertEquals(1, commits.size(), "nothing appended again meanwhile");

    databaseDown.set(false);
    ExecutionException error =
        assertThrows(ExecutionException.class, () -> doubtful.done().get(5, TimeUnit.SECONDS));
    assertEquals(
        ErrorCode.KAFKA_STORAGE_ERROR,
        assertInstanceOf(TributaryException.class, error.getCause()).code());
    assertEquals(2, p0.lastStableOffset(), "not stored: its offsets are a gap, never reused");
  }

  @Test
  void aCommitThatRacedItsTopicsDeletionIsRefusedAndItsRowsRemoved() throws Exception {
    PartitionLog p0 =
        new PartitionLog(1, TOPIC.partition(0), 0, 0, 0, 1 << 20, UNBOUNDED, null, null);
    start(
        rows -> {
          commits.add(rows);
          p0.close(TributaryException.unknownTopic("t")); // deleted while the rows commit
        });
    PendingAppend raced = append(p0, "a");
    writer.submit(raced);
    ExecutionException error =
        assertThrows(ExecutionException.class, () -> raced.done().get(5, TimeUnit.SECONDS));
    assertEquals(
        ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
        assertInstanceOf(TributaryException.class, error.getCause()).code());
    assertEquals(List.of(1L), deadTopics, "the stored rows of the dead topic are removed");
  }

  private static String key(StoredBatch row) {
    return row.topicId() + "/" + row.partition() + "/" + row.baseOffset();
  }

  private static boolean containsPartition(List<StoredBatch> rows, int partition) {
    return rows.stream().anyMatch(row -> row.partition() == partition);
  }

  @Test
  void lastStableOffsetMovesOnlyAfterTheStoreReturns() throws Exception {
    CountDownLatch inStore = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    start(
        rows -> {
          inStore.countDown();
          await(release);
        });
    PartitionLog p0 =
        new PartitionLog(1, TOPIC.partition(0), 0, 0, 0, 1 << 20, UNBOUNDED, null, null);
    PendingAppend a = append(p0, "a");
    writer.submit(a);
    assertTrue(inStore.await(5, TimeUnit.SECONDS));
    assertEquals(0, p0.lastStableOffset());
    assertTrue(!a.done().isDone());
    release.countDown();
    a.done().get(5, TimeUnit.SECONDS);
    assertEquals(1, p0.lastStableOffset());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static PendingBatches produced(PartitionLog log, ProducedBatch batch) {
    return new PendingBatches(List.of(batch), List.of(log), new CompletableFuture<>());
  }

  @Test
  void producedBatchesTakeTheirPlaceInQueueOrderAmongRecords() throws Exception {
    startHoldingTheFirstCommit(rows -> {});
    PartitionLog p0 =
        new PartitionLog(1, TOPIC.partition(0), 0, 0, 0, 1 << 20, UNBOUNDED, null, null);
    occupyTheWriter(p0);
    PendingAppend before = append(p0, "a", "b");
    PendingBatches batch = produced(p0, ProducerStateUpdatesTest.batch(5, (short) 0, 0, 3));
    PendingAppend after = append(p0, "c");
    writer.submit(before);
    writer.submit(batch);
    writer.submit(after);
    releaseFirstCommit.countDown();

    assertEquals(3, batch.done().get(5, TimeUnit.SECONDS).get(0).baseOffset());
    assertEquals(6, after.done().get(5, TimeUnit.SECONDS).get(0).offset());
    List<StoredBatch> rows = commits.get(1);
    assertEquals(3, rows.size(), "records before, the producer's batch as it is, records after");
    EncodedBatch stored = rows.get(1).toEncodedBatch();
    assertEquals(3, stored.baseOffset());
    assertEquals(5, stored.lastOffset());
    assertEquals(5L, stored.producer().producerId());
    assertEquals(7, p0.lastStableOffset());
  }

  @Test
  void aRetriedBatchIsAnsweredWithItsOriginalOffsetsAndNotStoredAgain() throws Exception {
    start(rows -> commits.add(rows));
    PartitionLog p0 =
        new PartitionLog(1, TOPIC.partition(0), 0, 0, 0, 1 << 20, UNBOUNDED, null, null);
    PendingBatches first = produced(p0, ProducerStateUpdatesTest.batch(5, (short) 0, 0, 2));
    writer.submit(first);
    assertEquals(0, first.done().get(5, TimeUnit.SECONDS).get(0).baseOffset());

    PendingBatches retry = produced(p0, ProducerStateUpdatesTest.batch(5, (short) 0, 0, 2));
    writer.submit(retry);
    BatchAppendResult answered = retry.done().get(5, TimeUnit.SECONDS).get(0);
    assertNull(answered.error());
    assertEquals(0, answered.baseOffset());
    assertEquals(1, commits.size(), "nothing stored for the retry");
    assertEquals(2, p0.lastStableOffset());

    PendingBatches gap = produced(p0, ProducerStateUpdatesTest.batch(5, (short) 0, 5, 1));
    writer.submit(gap);
    assertEquals(
        ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
        gap.done().get(5, TimeUnit.SECONDS).get(0).error().code());
    assertEquals(2, p0.lastStableOffset(), "a refused batch takes no offset");
  }

  @Test
  void whileACommitOfAProducersBatchIsInDoubtItsRetryIsRefusedNotStoredTwice() throws Exception {
    AtomicBoolean databaseDown = new AtomicBoolean(true);
    CountDownLatch checked = new CountDownLatch(1);
    writer =
        new GroupCommitWriter(
            rows -> {
              commits.add(rows);
              if (databaseDown.get()) {
                rows.forEach(row -> storedKeys.add(key(row))); // stored, but the answer is lost
                throw new IllegalStateException("connection lost during COMMIT");
              }
            },
            row -> {
              if (databaseDown.get()) {
                checked.countDown();
                throw new IllegalStateException("connection refused");
              }
              return stored.test(row);
            },
            deadTopics::add,
            CLOCK,
            10_000,
            Long.MAX_VALUE,
            4096,
            Runnable::run);
    thread = new Thread(writer);
    thread.start();
    PartitionLog p0 =
        new PartitionLog(1, TOPIC.partition(0), 0, 0, 0, 1 << 20, UNBOUNDED, null, null);
    PendingBatches doubtful = produced(p0, ProducerStateUpdatesTest.batch(5, (short) 0, 0, 2));
    writer.submit(doubtful);
    assertTrue(checked.await(5, TimeUnit.SECONDS), "the commit is in doubt");

    PendingBatches retry = produced(p0, ProducerStateUpdatesTest.batch(5, (short) 0, 0, 2));
    writer.submit(retry);
    assertEquals(
        ErrorCode.KAFKA_STORAGE_ERROR,
        retry.done().get(5, TimeUnit.SECONDS).get(0).error().code(),
        "refused while the first may be stored, not checked against state without it");

    databaseDown.set(false);
    assertEquals(0, doubtful.done().get(5, TimeUnit.SECONDS).get(0).baseOffset());
    PendingBatches again = produced(p0, ProducerStateUpdatesTest.batch(5, (short) 0, 0, 2));
    writer.submit(again);
    assertEquals(0, again.done().get(5, TimeUnit.SECONDS).get(0).baseOffset(), "a retry now");
    assertEquals(1, commits.size(), "stored once");
  }

  @Test
  void aBatchWhoseCommitFailedIsNotARetryAfterwards() throws Exception {
    AtomicBoolean refuse = new AtomicBoolean(true);
    start(
        rows -> {
          if (refuse.getAndSet(false)) {
            throw new IllegalStateException("database down");
          }
          commits.add(rows);
          rows.forEach(row -> storedKeys.add(key(row)));
        });
    PartitionLog p0 =
        new PartitionLog(1, TOPIC.partition(0), 0, 0, 0, 1 << 20, UNBOUNDED, null, null);
    PendingBatches failed = produced(p0, ProducerStateUpdatesTest.batch(5, (short) 0, 0, 2));
    writer.submit(failed);
    assertThrows(ExecutionException.class, () -> failed.done().get(5, TimeUnit.SECONDS));

    PendingBatches again = produced(p0, ProducerStateUpdatesTest.batch(5, (short) 0, 0, 2));
    writer.submit(again);
    assertEquals(2, again.done().get(5, TimeUnit.SECONDS).get(0).baseOffset(), "appended anew");
    assertEquals(1, commits.size());
  }
}
