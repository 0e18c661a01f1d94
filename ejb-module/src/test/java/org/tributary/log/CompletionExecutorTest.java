package org.tributary.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CompletionExecutorTest {

  @Test
  void aFullQueueRunsTheTaskOnTheSubmitterInsteadOfRefusingIt() throws Exception {
    CompletionExecutor executor = new CompletionExecutor(Thread::new, 1, 1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch busy = new CountDownLatch(1);
    try {
      executor.execute(
          () -> {
            busy.countDown();
            await(release);
          });
      busy.await(10, TimeUnit.SECONDS);
      executor.execute(() -> {}); // fills the queue of one

      AtomicReference<Thread> ranOn = new AtomicReference<>();
      executor.execute(() -> ranOn.set(Thread.currentThread()));
      assertSame(Thread.currentThread(), ranOn.get());
    } finally {
      release.countDown();
      executor.shutdown();
    }
  }

  @Test
  void afterShutdownTasksStillRunOnTheSubmitter() {
    CompletionExecutor executor = new CompletionExecutor(Thread::new, 1, 10);
    executor.shutdown();
    int[] ran = {0};
    executor.execute(() -> ran[0]++);
    assertEquals(1, ran[0]);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
