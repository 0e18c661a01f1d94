package org.tributary.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.log.Record;

class NextRoundTest {

  private static final Executor REJECTING =
      task -> {
        throw new RejectedExecutionException("queue full");
      };

  private final List<ConsumedRecord> read =
      new ArrayList<>(
          List.of(new ConsumedRecord("orders", 0, new Record(41, 0L, null, null, List.of(), 10))));

  @Test
  void aRefusedNextRoundEndsThePollWithTheRecordsItRead() throws Exception {
    CompletionStage<List<ConsumedRecord>> poll =
        NextRound.after(
            () -> CompletableFuture.completedFuture(null),
            REJECTING,
            () -> CompletableFuture.failedFuture(new AssertionError("must not run")),
            read);

    assertSame(read, poll.toCompletableFuture().get());
  }

  @Test
  void aWaitThatCannotBeScheduledEndsThePollWithTheRecordsItRead() throws Exception {
    CompletionStage<List<ConsumedRecord>> poll =
        NextRound.after(
            () -> {
              throw new RejectedExecutionException("no timer");
            },
            Runnable::run,
            () -> CompletableFuture.failedFuture(new AssertionError("must not run")),
            read);

    assertEquals(read, poll.toCompletableFuture().get());
  }

  @Test
  void aRefusedNextRoundOfAnEmptyPollEndsItEmpty() throws Exception {
    List<ConsumedRecord> none = new ArrayList<>();
    assertEquals(
        List.of(),
        NextRound.after(
                () -> CompletableFuture.completedFuture(null),
                REJECTING,
                () -> CompletableFuture.completedFuture(List.of()),
                none)
            .toCompletableFuture()
            .get());
  }

  @Test
  void aRefusalOfTheNextRoundItselfReachesAPollThatHoldsNothing() {
    TributaryException refused = new TributaryException(ErrorCode.ILLEGAL_STATE, "closed");
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                NextRound.after(
                        () -> CompletableFuture.completedFuture(null),
                        Runnable::run,
                        () -> CompletableFuture.failedFuture(refused),
                        new ArrayList<>())
                    .toCompletableFuture()
                    .get());
    assertSame(refused, e.getCause());
  }

  @Test
  void theNextRoundRunsOnTheExecutorAfterTheWait() throws Exception {
    List<Runnable> submitted = new ArrayList<>();
    CompletableFuture<Void> arrival = new CompletableFuture<>();
    CompletableFuture<List<ConsumedRecord>> poll =
        NextRound.after(
                () -> arrival,
                submitted::add,
                () -> CompletableFuture.completedFuture(read),
                new ArrayList<>())
            .toCompletableFuture();
    assertEquals(0, submitted.size());
    arrival.complete(null);
    assertEquals(false, poll.isDone(), "not on the thread that signalled the arrival");
    submitted.forEach(Runnable::run);
    assertSame(read, poll.get());
  }
}
