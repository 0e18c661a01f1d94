package org.tributary.rar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tributary.api.ConsumerSettings.OffsetReset;
import org.tributary.api.Header;
import org.tributary.api.TopicPartition;
import org.tributary.api.TributaryClientException;
import org.tributary.api.listener.ListenerLoop;
import org.tributary.api.listener.ListenerSettings;

/** The shared listener loop driving a message-driven bean through {@link EndpointDelivery}. */
class MessageDrivenLoopTest {

  private final FakeContainer container = new FakeContainer(true);
  private final FakeTributary tributary = new FakeTributary(container);
  private ListenerLoop loop;
  private Thread thread;

  private void run(int maxAttempts) {
    ListenerSettings settings =
        new ListenerSettings(
            List.of("payments"),
            "ledger",
            1,
            maxAttempts,
            Duration.ZERO,
            "",
            OffsetReset.EARLIEST,
            true);
    loop =
        new ListenerLoop(
            new EndpointDelivery(container, true, container), settings, () -> tributary);
    thread = new Thread(loop, "loop-under-test");
    thread.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    loop.stop();
    assertTrue(loop.awaitStop(), "the loop ended");
    thread.join(1000);
    assertTrue(!thread.isAlive(), "no thread left behind");
  }

  @Test
  void everyRecordIsDeliveredOnceInOrderPerPartitionAndCommittedWithIt() {
    tributary.append("payments", 0, "1", "2", "3", "4").append("payments", 1, "5", "6");
    container.bean(r -> container.writeRow(r.partition() + "@" + r.offset()));

    run(3);
    await(() -> container.rows.size() == 6);

    Map<String, List<String>> byPartition =
        container.rows.stream().collect(Collectors.groupingBy(row -> row.split("@")[0]));
    assertEquals(List.of("0@0", "0@1", "0@2", "0@3"), byPartition.get("0"));
    assertEquals(List.of("1@0", "1@1"), byPartition.get("1"));
    await(() -> Long.valueOf(4).equals(tributary.committed.get(partition(0))));
    assertEquals(2L, tributary.committed.get(partition(1)));
  }

  @Test
  void aRolledBackDeliveryIsRetriedAndBothItsRowAndItsOffsetCommitOnce() {
    tributary.append("payments", 0, "1");
    Map<Long, Integer> attempts = new ConcurrentHashMap<>();
    container.bean(
        r -> {
          container.writeRow("row " + r.offset());
          if (attempts.merge(r.offset(), 1, Integer::sum) == 1) {
            container.setRollbackOnly();
          }
        });

    run(3);
    await(() -> Long.valueOf(1).equals(tributary.committed.get(partition(0))));

    assertEquals(List.of("row 0"), container.rows);
    assertEquals(2, attempts.get(0L));
    assertTrue(
        container.events.containsAll(List.of("rolled back", "committed")),
        container.events::toString);
    assertTrue(tributary.deadLetters.isEmpty());
  }

  @Test
  void aRecordTheBeanAlwaysRefusesIsDeadLetteredAfterItsAttemptsAndTheNextOneFollows() {
    tributary.append("payments", 0, "bad", "7");
    container.bean(
        r -> {
          if (new String(r.value()).equals("bad")) {
            throw new IllegalArgumentException("Not an amount: bad");
          }
          container.writeRow("row " + r.offset());
        });

    run(3);
    await(() -> container.rows.size() == 1);

    assertEquals(1, tributary.deadLetters.size());
    FakeTributary.DeadLetter dead = tributary.deadLetters.get(0);
    assertEquals("payments.DLT", dead.topic());
    Map<String, String> headers =
        dead.headers().stream().collect(Collectors.toMap(Header::name, h -> new String(h.value())));
    assertEquals("payments", headers.get("tributary.dlt.topic"));
    assertEquals("0", headers.get("tributary.dlt.offset"));
    assertEquals("LedgerBean.onRecord", headers.get("tributary.dlt.listener"));
    assertEquals("3", headers.get("tributary.dlt.attempts"));
    assertEquals(IllegalArgumentException.class.getName(), headers.get("tributary.dlt.exception"));
    assertEquals(
        3, container.events.stream().filter(e -> e.equals("onRecord 0@0")).count(), "3 attempts");
    assertEquals(List.of("row 1"), container.rows);
    await(() -> Long.valueOf(2).equals(tributary.committed.get(partition(0))));
  }

  @Test
  void aRecordWhoseTransactionCannotBeginIsNotAnAttemptAndNeverDeadLettered() {
    tributary.append("payments", 0, "1");
    container.beforeDeliveryFailures.set(2);
    container.bean(r -> container.writeRow("row " + r.offset()));

    run(1);
    await(() -> Long.valueOf(1).equals(tributary.committed.get(partition(0))));

    assertEquals(List.of("row 0"), container.rows);
    assertTrue(tributary.deadLetters.isEmpty(), "the bean never saw it before");
    assertEquals(
        List.of("before failed", "release", "before failed", "release", "before"),
        container.events.subList(0, 5));
  }

  @Test
  void aGroupTributaryRefusesStopsTheLoopSayingSoRatherThanWaitingForTributary() {
    List<LogRecord> logged = new CopyOnWriteArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            logged.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger loopLog = Logger.getLogger(ListenerLoop.class.getName());
    loopLog.addHandler(handler);
    try {
      // As the container hands the facade's refusal over: wrapped in an EJBException.
      tributary.consumerRefusal =
          new EJBException(
              new TributaryClientException(
                  "INVALID_GROUP_ID", "Group id must be 1 to 255 characters and not blank."));

      run(3);
      await(() -> !thread.isAlive());
    } finally {
      loopLog.removeHandler(handler);
    }

    assertEquals(1, logged.size(), logged::toString);
    assertEquals(Level.SEVERE, logged.get(0).getLevel());
    assertEquals(
        "Listener LedgerBean.onRecord stops: Tributary refuses its settings (INVALID_GROUP_ID:"
            + " Group id must be 1 to 255 characters and not blank.). Correct them and redeploy"
            + " the application.",
        logged.get(0).getMessage());
  }

  private static TopicPartition partition(int partition) {
    return new TopicPartition("payments", partition);
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "not within 10 s");
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
