package org.tributary.consumer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How a waiting poll goes round again: after the wait, on the executor, never on the thread that
 * signalled data or the deadline. The poll's positions have already moved past the records it
 * holds, so when going round fails (a refused task, a broken wait) the poll ends with those records
 * rather than with the failure.
 */
final class NextRound {

  private static final Logger LOG = Logger.getLogger(NextRound.class.getName());

  private NextRound() {}

  static CompletionStage<List<ConsumedRecord>> after(
      Supplier<CompletionStage<Void>> wait,
      Executor executor,
      Supplier<CompletionStage<List<ConsumedRecord>>> round,
      List<ConsumedRecord> received) {
    CompletionStage<Void> arrival;
    try {
      // A topic deleted during the wait: the next round learns it from the group.
      arrival = wait.get().exceptionally(error -> null);
    } catch (RuntimeException e) {
      return endWith(received, e);
    }
    return arrival
        .thenComposeAsync(ignored -> round.get(), executor)
        .handle(
            (records, error) ->
                error == null
                    ? CompletableFuture.completedFuture(records)
                    : endWith(received, error))
        .thenCompose(Function.identity());
  }

  private static CompletableFuture<List<ConsumedRecord>> endWith(
      List<ConsumedRecord> received, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (received.isEmpty() && !(cause instanceof RejectedExecutionException)) {
      return CompletableFuture.failedFuture(cause);
    }
    LOG.log(
        Level.FINE, "A poll ends early with the " + received.size() + " records it read", cause);
    return CompletableFuture.completedFuture(received);
  }
}
