package org.tributary.log;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tributary's own threads for what completes produce acknowledgements, wakes waiting fetches and
 * resumes polls (and so writes their HTTP responses): a fixed pool and a bounded queue. When the
 * queue is full, or the pool is shut down, the submitting thread runs the task itself: that slows
 * whoever makes the work (the group-commit writer, the deadline timer) instead of refusing it,
 * since a refused continuation would fail a poll that already holds records. Payara's default
 * managed executor is shared with the whole server and refuses work past its queue.
 */
public final class CompletionExecutor implements Executor {

  private final ThreadPoolExecutor pool;

  /**
   * @param threads managed threads (they carry the application's context)
   */
  public CompletionExecutor(ThreadFactory threads, int threadCount, int queueCapacity) {
    pool =
        new ThreadPoolExecutor(
            threadCount,
            threadCount,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(queueCapacity),
            named(threads, "tributary-completion-"),
            (task, full) -> task.run());
    // Made now, on the thread that owns the thread factory's context, not lazily on a caller's.
    pool.prestartAllCoreThreads();
  }

  /** Threads of {@code threads}, named with the prefix and a number. */
  static ThreadFactory named(ThreadFactory threads, String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = threads.newThread(task);
      thread.setName(prefix + count.incrementAndGet());
      return thread;
    };
  }

  @Override
  public void execute(Runnable task) {
    pool.execute(task);
  }

  /** Lets queued tasks finish; later tasks run on their caller. */
  public void shutdown() {
    pool.shutdown();
  }
}
