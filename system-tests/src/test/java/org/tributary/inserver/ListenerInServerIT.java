package org.tributary.inserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import javax.naming.InitialContext;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tributary.api.ConsumerSettings;
import org.tributary.api.ConsumerSettings.OffsetReset;
import org.tributary.api.OnRecord;
import org.tributary.api.ReceivedRecord;
import org.tributary.api.TributaryConsumer;
import org.tributary.api.TributaryContext;
import org.tributary.api.TributaryProducer;
import org.tributary.topic.TopicCatalog;

/** {@code @OnRecord} listener beans inside a running server: order, retries, dead letters. */
@ExtendWith(ArquillianExtension.class)
class ListenerInServerIT {

  static final String ORDERED = "listener-it-ordered";
  static final String FAILING = "listener-it-failing";
  static final String TRANSACTIONAL = "listener-it-transactional";
  static final String TRANSACTIONAL_OUT = "listener-it-transactional-out";
  static final String HANDOVER = "listener-it-handover";

  /** A request-scoped bean a listener uses: listener calls run with a request context. */
  @RequestScoped
  public static class PerCall {
    String describe(ReceivedRecord record) {
      return record.partition() + ":" + record.value(String.class);
    }
  }

  /** Listener beans of this deployment; what they saw, for the tests to check. */
  @ApplicationScoped
  public static class Listeners {

    static final Queue<String> ordered = new ConcurrentLinkedQueue<>();
    static final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    static final Queue<String> processed = new ConcurrentLinkedQueue<>();

    @Inject PerCall perCall;

    @OnRecord(topic = ORDERED, group = "listener-it-ordered")
    public void onOrdered(ReceivedRecord record) {
      ordered.add(perCall.describe(record));
    }

    @OnRecord(topic = FAILING, group = "listener-it-failing", maxAttempts = 3, backoffMillis = 20)
    public void onFailing(String value) {
      attempts.computeIfAbsent(value, v -> new AtomicInteger()).incrementAndGet();
      if (value.startsWith("bad")) {
        throw new IllegalStateException("cannot process " + value);
      }
      processed.add(value);
    }

    /** Every record the handover listener processed, as "partition:offset". */
    static final Queue<String> handover = new ConcurrentLinkedQueue<>();

    /** Slow, so that one batch outlasts a heartbeat interval. */
    @OnRecord(topic = HANDOVER, group = HANDOVER)
    public void onHandover(ReceivedRecord record) throws InterruptedException {
      handover.add(record.partition() + ":" + record.offset());
      Thread.sleep("slow".equals(record.value(String.class)) ? 2000 : 200);
    }

    @Inject TributaryContext tributary;

    /** Sends a result, then fails for "boom": the send must roll back with each attempt. */
    @OnRecord(
        topic = TRANSACTIONAL,
        group = "listener-it-transactional",
        maxAttempts = 2,
        backoffMillis = 20,
        transactional = true)
    public void onTransactional(String value) {
      tributary.createProducer().send(TRANSACTIONAL_OUT, null, "out-" + value);
      if (value.startsWith("boom")) {
        throw new IllegalStateException("boom");
      }
    }
  }

  @Inject TributaryContext tributary;
  @Inject TopicCatalog topics;

  /** Reads the topic from its start until {@code enough} holds (or 20 s passed). */
  private List<ReceivedRecord> readUntil(String topic, Predicate<List<ReceivedRecord>> enough) {
    try (TributaryConsumer consumer =
        tributary.createConsumer(
            ConsumerSettings.group("check-" + UUID.randomUUID())
                .startingAt(OffsetReset.EARLIEST))) {
      consumer.subscribe(List.of(topic));
      List<ReceivedRecord> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!enough.test(records) && System.nanoTime() < deadline) {
        records.addAll(consumer.poll(Duration.ofMillis(500)));
      }
      return records;
    }
  }

  private static boolean anyValue(List<ReceivedRecord> records, String value) {
    return records.stream().anyMatch(r -> value.equals(r.value(String.class)));
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
      Thread.sleep(50);
    }
  }

  @Test
  void aListenerReceivesEveryRecordOfAPartitionInOrder() throws Exception {
    TributaryProducer producer = tributary.createProducer();
    List<String> sent = IntStream.range(0, 30).mapToObj(i -> "r" + i).toList();
    int partition = producer.send(ORDERED, "same-key", sent.get(0)).partition();
    sent.subList(1, sent.size()).forEach(value -> producer.send(ORDERED, "same-key", value));

    await("all 30 arrived", () -> Listeners.ordered.size() >= 30);

    assertEquals(
        sent.stream().map(value -> partition + ":" + value).toList(),
        new ArrayList<>(Listeners.ordered));
  }

  @Test
  void aFailingRecordIsRetriedThenDeadLetteredAndTheNextIsProcessed() throws Exception {
    String bad = "bad-" + UUID.randomUUID();
    String good = "good-" + UUID.randomUUID();
    TributaryProducer producer = tributary.createProducer();
    producer.send(FAILING, "k", bad);
    producer.send(FAILING, "k", good);

    await(
        "the record after the failing one is processed", () -> Listeners.processed.contains(good));

    assertEquals(
        3, Listeners.attempts.get(bad).get(), "three attempts, then the dead-letter topic");
    List<ReceivedRecord> records = readUntil(FAILING + ".DLT", found -> anyValue(found, bad));
    ReceivedRecord dead =
        records.stream().filter(r -> bad.equals(r.value(String.class))).findFirst().orElseThrow();
    assertEquals(
        IllegalStateException.class.getName(),
        dead.header("tributary.dlt.exception").orElseThrow().valueAsString());
    assertEquals(FAILING, dead.header("tributary.dlt.topic").orElseThrow().valueAsString());
    assertEquals("3", dead.header("tributary.dlt.attempts").orElseThrow().valueAsString());
    assertEquals("k", dead.key(String.class));
  }

  @Test
  void aTransactionalListenersSendsRollBackWithItsFailedAttempts() throws Exception {
    String boom = "boom-" + UUID.randomUUID();
    String fine = "fine-" + UUID.randomUUID();
    TributaryProducer producer = tributary.createProducer();
    producer.send(TRANSACTIONAL, "k", boom);
    producer.send(TRANSACTIONAL, "k", fine);

    List<ReceivedRecord> out =
        readUntil(TRANSACTIONAL_OUT, found -> anyValue(found, "out-" + fine));
    List<ReceivedRecord> dead = readUntil(TRANSACTIONAL + ".DLT", found -> anyValue(found, boom));

    assertTrue(anyValue(out, "out-" + fine), out::toString);
    assertFalse(anyValue(out, "out-" + boom), "each failed attempt's send rolled back");
    assertTrue(anyValue(dead, boom), dead::toString);
  }

  @Test
  void aListenerStopsProcessingThePartitionsItGivesAwayInTheMiddleOfABatch() throws Exception {
    if (topics.find(HANDOVER).isEmpty()) {
      topics.create(HANDOVER, 2, Map.of());
    }
    TributaryProducer producer = tributary.createProducer();
    int before = Listeners.handover.size();
    producer.send(HANDOVER, "blocker", "slow");
    await("the listener is busy", () -> Listeners.handover.size() > before);
    Set<String> sent = new HashSet<>();
    // In one transaction, while the listener is busy: all become readable at once, so its next
    // batch holds all of them, of both partitions, and lasts longer than a heartbeat interval.
    UserTransaction transaction =
        (UserTransaction) new InitialContext().lookup("java:comp/UserTransaction");
    transaction.begin();
    for (int i = 0; i < 40; i++) {
      var metadata = producer.send(HANDOVER, "key-" + i, "v" + i);
      sent.add(metadata.partition() + ":" + metadata.offset());
    }
    transaction.commit();
    await("the listener's batch has begun", () -> Listeners.handover.size() > before + 2);

    // A second member joins: at its next heartbeat, inside the batch, the listener gives one
    // partition away. From then on only the second member may process that partition's records.
    Set<String> bySecond = new HashSet<>();
    try (TributaryConsumer second =
        tributary.createConsumer(
            ConsumerSettings.group(HANDOVER).startingAt(OffsetReset.EARLIEST))) {
      second.subscribe(List.of(HANDOVER));
      // Until all are processed and the second member, owning a partition, has read it to its end.
      long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
      int quietPollsOwning = 0;
      while (quietPollsOwning < 2 && System.nanoTime() < deadline) {
        List<ReceivedRecord> records = second.poll(Duration.ofMillis(500));
        for (ReceivedRecord record : records) {
          bySecond.add(record.partition() + ":" + record.offset());
        }
        second.commit();
        boolean quiet =
            records.isEmpty()
                && !second.assignment().isEmpty()
                && processedByEither(sent, bySecond);
        quietPollsOwning = quiet ? quietPollsOwning + 1 : 0;
      }
      assertTrue(processedByEither(sent, bySecond), "every record processed once or more");
      Set<String> twice = new HashSet<>(bySecond);
      twice.retainAll(new HashSet<>(Listeners.handover));
      twice.retainAll(sent);
      assertEquals(
          Set.of(), twice, "records processed by both members; the second read " + bySecond);
    }
  }

  private static boolean processedByEither(Set<String> sent, Set<String> bySecond) {
    Set<String> processed = new HashSet<>(bySecond);
    processed.addAll(Listeners.handover);
    return processed.containsAll(sent);
  }
}
