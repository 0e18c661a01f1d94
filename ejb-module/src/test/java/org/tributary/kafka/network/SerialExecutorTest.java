package org.tributary.kafka.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {

  @Test
  void aTaskThatThrowsDoesNotStopTheTasksAfterIt() {
    List<Integer> ran = new ArrayList<>();
    SerialExecutor serial = new SerialExecutor(Runnable::run);
    serial.execute(() -> ran.add(1));
    serial.execute(
        () -> {
          throw new IllegalStateException("a handler's bug");
        });
    serial.execute(() -> ran.add(3));
    assertEquals(List.of(1, 3), ran);
  }

  @Test
  void anErrorInATaskDoesNotStopTheTasksAfterIt() {
    List<Integer> ran = new ArrayList<>();
    SerialExecutor serial = new SerialExecutor(Runnable::run);
    serial.execute(
        () -> {
          throw new OutOfMemoryError("one request's allocation");
        });
    serial.execute(() -> ran.add(2));
    assertEquals(List.of(2), ran);
  }

  @Test
  void aPoolThatRefusesIsReportedAndTheExecutorCanRunAgainLater() {
    AtomicBoolean refusing = new AtomicBoolean(true);
    List<Integer> ran = new ArrayList<>();
    SerialExecutor serial =
        new SerialExecutor(
            task -> {
              if (refusing.get()) {
                throw new RejectedExecutionException("shut down");
              }
              task.run();
            });
    assertThrows(RejectedExecutionException.class, () -> serial.execute(() -> ran.add(1)));
    refusing.set(false);
    serial.execute(() -> ran.add(2));
    assertEquals(List.of(2), ran, "the refused task is dropped, not run late");
  }

  @Test
  void tasksRunInOrderOneAtATime() {
    List<Runnable> pool = new ArrayList<>();
    List<Integer> ran = new ArrayList<>();
    SerialExecutor serial = new SerialExecutor(pool::add);
    serial.execute(() -> ran.add(1));
    serial.execute(() -> ran.add(2));
    assertEquals(1, pool.size(), "one drain for both");
    pool.get(0).run();
    assertEquals(List.of(1, 2), ran);
  }
}
