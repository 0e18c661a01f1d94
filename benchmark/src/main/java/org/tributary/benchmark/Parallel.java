package org.tributary.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs tasks each on its own thread; the first failure interrupts the others and is thrown. */
final class Parallel {

  private Parallel() {}

  /** The tasks' results in the order of the tasks. */
  static <T> List<T> run(List<Callable<T>> tasks) throws InterruptedException, ExecutionException {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CompletionService<T> completion = new ExecutorCompletionService<>(pool);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(completion.submit(task));
      }
      for (int i = 0; i < tasks.size(); i++) {
        completion.take().get();
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
      // A task's request is over before the caller cleans up after it (deletes its consumer).
      pool.awaitTermination(30, TimeUnit.SECONDS);
    }
  }
}
