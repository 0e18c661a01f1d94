package org.tributary.kafka.network;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one connection's tasks one after another, in order, on a shared pool: a connection's
 * requests take effect in the order it sent them (an idempotent producer's batches reach the log in
 * sequence) while many connections share few threads. A task that throws is logged and the next one
 * runs; a pool that refuses (it is shutting down) drops the queued tasks and refuses this one too,
 * so the connection is closed rather than left waiting for a drain that never comes.
 */
final class SerialExecutor implements Executor {

  private static final Logger LOG = Logger.getLogger(SerialExecutor.class.getName());

  private final Executor pool;
  private final Queue<Runnable> tasks = new ArrayDeque<>();
  private boolean running;

  SerialExecutor(Executor pool) {
    this.pool = pool;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (tasks) {
      tasks.add(task);
      if (running) {
        return;
      }
      running = true;
    }
    try {
      pool.execute(this::drain);
    } catch (RejectedExecutionException e) {
      synchronized (tasks) {
        tasks.clear();
        running = false;
      }
      throw e;
    }
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (tasks) {
        next = tasks.poll();
        if (next == null) {
          running = false;
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException | Error e) {
        // Whatever a task throws, the connection's later tasks still run.
        LOG.log(Level.WARNING, "A Kafka connection's task failed unexpectedly", e);
      }
    }
  }
}
