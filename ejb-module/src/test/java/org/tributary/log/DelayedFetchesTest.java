package org.tributary.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tributary.topic.TopicPartition;

class DelayedFetchesTest {

  private static final Duration AN_HOUR = Duration.ofHours(1);
  private static final TailCacheBudget UNBOUNDED = new TailCacheBudget(Long.MAX_VALUE);

  private final ScheduledThreadPoolExecutor deadlines = deadlines();
  private final DelayedFetches delayed = new DelayedFetches(deadlines, Runnable::run);

  private static ScheduledThreadPoolExecutor deadlines() {
    ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1);
    deadlines.setRemoveOnCancelPolicy(true);
    return deadlines;
  }

  @AfterEach
  void stop() {
    deadlines.shutdownNow();
  }

  private static PartitionLog log(int partition, long lastStableOffset) {
    return new PartitionLog(
        1,
        new TopicPartition("t", partition),
        0,
        lastStableOffset,
        0,
        1 << 20,
        UNBOUNDED,
        null,
        null);
  }

  /** Appends one record and wakes the fetches waiting for it, as a group commit does. */
  private void append(PartitionLog log) {
    long base = log.lastStableOffset();
    delayed.wake(
        log.settled(log.reserve(1), List.of(new EncodedBatch(base, base, 0, 0, 1, new byte[10]))));
  }

  @Test
  void dataOnAnyPartitionEndsTheWaitAndCancelsItsDeadline() {
    PartitionLog quiet = log(0, 5);
    PartitionLog busy = log(1, 5);
    CompletableFuture<Void> wait = delayed.await(List.of(quiet, busy), List.of(5L, 5L), AN_HOUR);
    assertFalse(wait.isDone());
    assertEquals(1, deadlines.getQueue().size(), "one deadline for the whole wait");

    append(busy);

    assertTrue(wait.isDone());
    assertFalse(wait.isCompletedExceptionally());
    assertTrue(deadlines.getQueue().isEmpty(), "the deadline was cancelled");
  }

  @Test
  void dataAlreadyBeyondAnOffsetEndsTheWaitAtOnceWithoutADeadline() {
    CompletableFuture<Void> wait =
        delayed.await(List.of(log(0, 5), log(1, 5)), List.of(4L, 5L), AN_HOUR);
    assertTrue(wait.isDone());
    assertTrue(deadlines.getQueue().isEmpty());
  }

  @Test
  void theDeadlineEndsAWaitThatNoDataEnds() {
    PartitionLog quiet = log(0, 5);
    CompletableFuture<Void> wait = delayed.await(List.of(quiet), List.of(5L), Duration.ZERO);
    wait.join();
    assertEquals(5, quiet.lastStableOffset());
  }

  @Test
  void aStoppedSchedulerEndsTheWaitAtOnce() {
    deadlines.shutdown();
    assertTrue(delayed.await(List.of(log(0, 5)), List.of(5L), AN_HOUR).isDone());
  }

  @Test
  void aClosedLogFailsTheWaitAndDropsItsDeadline() {
    PartitionLog log = log(0, 5);
    CompletableFuture<Void> wait = delayed.await(List.of(log), List.of(5L), AN_HOUR);
    IllegalStateException deleted = new IllegalStateException("deleted");
    log.close(deleted);
    assertSame(deleted, assertThrows(CompletionException.class, wait::join).getCause());
    assertTrue(deadlines.getQueue().isEmpty());
  }

  @Test
  void wakingCompletesEveryWaiterAndNothingIsAFreeWake() {
    CompletableFuture<Void> first = new CompletableFuture<>();
    CompletableFuture<Void> second = new CompletableFuture<>();
    delayed.wake(List.of(first, second));
    assertTrue(first.isDone() && second.isDone());
    delayed.wake(List.of());
  }
}
