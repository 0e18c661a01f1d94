package org.tributary.rar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.Timer;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Activation on a work manager of plain threads; outside a server the loops wait for Tributary. */
class TributaryResourceAdapterTest {

  private final List<Thread> workers = new CopyOnWriteArrayList<>();
  private final FakeContainer container = new FakeContainer(true);
  private final TributaryResourceAdapter adapter = new TributaryResourceAdapter();

  private RecordActivationSpec spec(String concurrency) {
    RecordActivationSpec spec = new RecordActivationSpec();
    spec.setTopics("payments");
    spec.setGroup("ledger");
    spec.setConcurrency(concurrency);
    return spec;
  }

  @Test
  void anActivationRunsItsConsumersAsWorkAndItsDeactivationEndsThem() throws Exception {
    adapter.start(new Bootstrap());
    RecordActivationSpec spec = spec("3");

    adapter.endpointActivation(container, spec);
    assertEquals(3, workers.size());
    Thread.sleep(50);
    assertTrue(workers.stream().allMatch(Thread::isAlive), "waiting for Tributary");

    long start = System.nanoTime();
    adapter.endpointDeactivation(container, spec);
    for (Thread worker : workers) {
      worker.join(5000);
    }
    assertTrue(workers.stream().noneMatch(Thread::isAlive), "no thread left behind");
    assertTrue(System.nanoTime() - start < 5_000_000_000L, "stopped promptly");
  }

  @Test
  void stoppingTheAdapterEndsEveryActivation() throws Exception {
    adapter.start(new Bootstrap());
    adapter.endpointActivation(container, spec("1"));
    adapter.endpointActivation(new FakeContainer(false), spec("2"));

    adapter.stop();

    for (Thread worker : workers) {
      worker.join(5000);
    }
    assertEquals(3, workers.size());
    assertTrue(workers.stream().noneMatch(Thread::isAlive));
  }

  @Test
  void anInvalidActivationFailsWithItsReasonAndStartsNothing() throws Exception {
    adapter.start(new Bootstrap());
    RecordActivationSpec spec = spec("0");
    spec.setTopics("");

    InvalidPropertyException refused =
        assertThrows(
            InvalidPropertyException.class, () -> adapter.endpointActivation(container, spec));

    assertTrue(refused.getMessage().contains("'topics' is required"), refused.getMessage());
    assertTrue(refused.getMessage().contains("'concurrency' must be"), refused.getMessage());
    assertEquals(List.of(), workers);
  }

  /** A bootstrap context whose work manager runs each work on a thread of its own. */
  private final class Bootstrap implements BootstrapContext {

    @Override
    public WorkManager getWorkManager() {
      return new WorkManager() {
        @Override
        public void doWork(Work work) {
          throw new UnsupportedOperationException();
        }

        @Override
        public void doWork(Work work, long timeout, ExecutionContext context, WorkListener l) {
          throw new UnsupportedOperationException();
        }

        @Override
        public long startWork(Work work) {
          throw new UnsupportedOperationException();
        }

        @Override
        public long startWork(Work work, long timeout, ExecutionContext context, WorkListener l) {
          throw new UnsupportedOperationException();
        }

        @Override
        public void scheduleWork(Work work) {
          Thread worker = new Thread(work, "work-" + workers.size());
          workers.add(worker);
          worker.start();
        }

        @Override
        public void scheduleWork(
            Work work, long timeout, ExecutionContext context, WorkListener listener) {
          scheduleWork(work);
        }
      };
    }

    @Override
    public XATerminator getXATerminator() {
      return null;
    }

    @Override
    public Timer createTimer() {
      return new Timer(true);
    }

    @Override
    public boolean isContextSupported(Class<? extends WorkContext> context) {
      return false;
    }

    @Override
    public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
      return container;
    }
  }
}
