package org.tributary.log;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The consumer long poll: fetches at the last stable offset wait here for data, as in Kafka's
 * {@code DelayedFetch} purgatory, holding no thread. A wait ends at the first arrival on any of its
 * partitions, at its deadline, or with an error when a topic is deleted meanwhile.
 */
final class DelayedFetches {

  private final ScheduledExecutorService deadlines;
  private final Executor completions;

  /**
   * @param deadlines ends waits at their deadline; its tasks only complete futures
   * @param completions where woken fetches resume
   */
  DelayedFetches(ScheduledExecutorService deadlines, Executor completions) {
    this.deadlines = deadlines;
    this.completions = completions;
  }

  /**
   * Completes as soon as any of the logs has data beyond its offset, or after {@code maxWait}. The
   * partitions that stayed quiet drop their waiter when it is done.
   */
  CompletableFuture<Void> await(List<PartitionLog> logs, List<Long> offsets, Duration maxWait) {
    CompletableFuture<Void> any = new CompletableFuture<>();
    List<CompletableFuture<Void>> arrivals = new ArrayList<>(logs.size());
    for (int i = 0; i < logs.size() && !any.isDone(); i++) {
      CompletableFuture<Void> arrival = logs.get(i).awaitDataBeyond(offsets.get(i));
      arrivals.add(arrival);
      arrival.whenComplete(
          (ignored, error) -> {
            if (error == null) {
              any.complete(null);
            } else {
              any.completeExceptionally(error);
            }
          });
    }
    if (!any.isDone()) {
      ScheduledFuture<?> timeout;
      try {
        timeout =
            deadlines.schedule(() -> any.complete(null), maxWait.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException stopping) {
        any.complete(null);
        return any;
      }
      any.whenComplete((ignored, error) -> timeout.cancel(false));
    }
    any.whenComplete((ignored, error) -> arrivals.forEach(arrival -> arrival.complete(null)));
    return any;
  }

  /** Wakes fetches off the caller's thread, or on it when the pool is full (back-pressure). */
  void wake(List<CompletableFuture<Void>> woken) {
    if (woken.isEmpty()) {
      return;
    }
    completions.execute(() -> woken.forEach(waiter -> waiter.complete(null)));
  }
}
