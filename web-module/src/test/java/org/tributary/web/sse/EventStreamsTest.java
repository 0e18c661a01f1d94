package org.tributary.web.sse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class EventStreamsTest {

  @Test
  void theReadersRefuseWorkPastTheirQueueRatherThanRunItOnTheCaller() throws Exception {
    ExecutorService readers = EventStreams.readers(Thread::new, 1, 1);
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      readers.execute(
          () -> {
            running.countDown();
            awaitQuietly(release);
          });
      running.await();
      readers.execute(() -> {}); // queued
      AtomicBoolean ranOnCaller = new AtomicBoolean();

      assertThrows(
          RejectedExecutionException.class, () -> readers.execute(() -> ranOnCaller.set(true)));
      assertFalse(ranOnCaller.get());
    } finally {
      release.countDown();
      readers.shutdown();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
