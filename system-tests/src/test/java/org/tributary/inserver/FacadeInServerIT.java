package org.tributary.inserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.transaction.RollbackException;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tributary.api.ConsumerSettings;
import org.tributary.api.ConsumerSettings.OffsetReset;
import org.tributary.api.Header;
import org.tributary.api.ReceivedRecord;
import org.tributary.api.RecordMetadata;
import org.tributary.api.TopicPartition;
import org.tributary.api.TributaryConsumer;
import org.tributary.api.TributaryContext;
import org.tributary.api.TributaryProducer;
import org.tributary.group.OffsetCommits;
import org.tributary.log.FetchResult;
import org.tributary.log.PartitionLogs;
import org.tributary.topic.TopicCatalog;

/** The published facade inside a running server: sends, polls, and JTA transactions. */
@ExtendWith(ArquillianExtension.class)
class FacadeInServerIT {

  @Inject TributaryContext tributary;
  @Inject TopicCatalog topics;
  @Inject PartitionLogs logs;
  @Inject OffsetCommits commits;
  @Inject UserTransaction transaction;
  @Resource ManagedExecutorService executor;

  @Resource(lookup = "java:app/jdbc/tributary")
  DataSource database;

  private String topic(int partitions) {
    String name = "facade-" + UUID.randomUUID().toString().substring(0, 8);
    topics.create(name, partitions, Map.of());
    return name;
  }

  /**
   * A gap at the end of a log is passed once its end is recorded (so that a restart starts after
   * it), a moment after the rollback.
   */
  private void awaitLastStableOffset(String topic, long offset) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (logs.offsets(topic, 0).lastStableOffset() < offset && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(offset, logs.offsets(topic, 0).lastStableOffset());
  }

  private TributaryConsumer reader(String topic) {
    TributaryConsumer consumer =
        tributary.createConsumer(
            ConsumerSettings.group("reader-" + UUID.randomUUID()).startingAt(OffsetReset.EARLIEST));
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  private static List<String> values(List<ReceivedRecord> records) {
    return records.stream().map(r -> r.value(String.class)).toList();
  }

  public record Order(String id, int total) {}

  @Test
  void theContextIsBoundUnderItsGlobalJndiName() throws Exception {
    Object bound = new InitialContext().lookup(TributaryContext.JNDI_NAME);
    assertNotNull(bound);
    assertTrue(bound instanceof TributaryContext, bound.getClass().getName());
  }

  @Test
  void sentRecordsArePolledBackWithKeyHeadersAndJsonValues() {
    String topic = topic(1);
    TributaryProducer producer = tributary.createProducer();
    RecordMetadata sent =
        producer.send(topic, "o-1", new Order("o-1", 42), List.of(Header.of("trace", "abc")));
    assertEquals(0, sent.offset());
    assertEquals(1, producer.sendAsync(topic, null, "plain").toCompletableFuture().join().offset());

    try (TributaryConsumer consumer = reader(topic)) {
      List<ReceivedRecord> records = consumer.poll(Duration.ofSeconds(5));
      assertEquals(2, records.size());
      assertEquals("o-1", records.get(0).key(String.class));
      assertEquals(new Order("o-1", 42), records.get(0).value(Order.class));
      assertEquals("abc", records.get(0).header("trace").orElseThrow().valueAsString());
      assertEquals("plain", records.get(1).value(String.class));
    }
  }

  @Test
  void aSendInATransactionThatRollsBackIsNeverSeenOneThatCommitsIs() throws Exception {
    String topic = topic(1);
    TributaryProducer producer = tributary.createProducer();
    transaction.begin();
    producer.send(topic, null, "rolled back");
    transaction.rollback();
    awaitLastStableOffset(topic, 1);
    FetchResult gap = logs.read(topic, 0, 0, 1 << 20);
    assertEquals(List.of(), gap.records());
    assertEquals(1, gap.nextOffset(), "a reader moves past the rolled-back offset, not in circles");
    transaction.begin();
    producer.send(topic, null, "committed");
    transaction.commit();

    try (TributaryConsumer consumer = reader(topic)) {
      assertEquals(List.of("committed"), values(consumer.poll(Duration.ofSeconds(5))));
      assertEquals(List.of(), values(consumer.poll(Duration.ofMillis(300))));
    }
  }

  @Test
  void aRolledBackSendAfterCachedRecordsIsAGapThatAReaderSkipsAtOnce() throws Exception {
    String topic = topic(1);
    TributaryProducer producer = tributary.createProducer();
    producer.send(topic, null, "kept");
    transaction.begin();
    producer.send(topic, null, "rolled back");
    transaction.rollback();
    awaitLastStableOffset(topic, 2);

    FetchResult gap =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> logs.read(topic, 0, 1, 1 << 20));
    assertEquals(List.of(), gap.records());
    assertEquals(2, gap.nextOffset(), "past the gap, though the cache holds the batch before it");
    FetchResult all = logs.read(topic, 0, 0, 1 << 20);
    assertEquals(1, all.records().size());
    assertEquals(1, all.nextOffset());
  }

  @Test
  void transactionsCommittingInReverseOffsetOrderAreBothSeenAndNeitherSkipped() throws Exception {
    String topic = topic(1);
    TributaryProducer producer = tributary.createProducer();
    CountDownLatch firstSent = new CountDownLatch(1);
    CountDownLatch secondCommitted = new CountDownLatch(1);
    CompletableFuture<Long> first =
        CompletableFuture.supplyAsync(
            () ->
                inTransaction(
                    () -> {
                      long offset = producer.send(topic, null, "first").offset();
                      firstSent.countDown();
                      await(secondCommitted);
                      return offset;
                    }),
            executor);
    assertTrue(firstSent.await(10, TimeUnit.SECONDS));
    long second =
        CompletableFuture.supplyAsync(
                () -> inTransaction(() -> producer.send(topic, null, "second").offset()), executor)
            .get(10, TimeUnit.SECONDS);

    try (TributaryConsumer consumer = reader(topic)) {
      assertEquals(
          List.of(),
          values(consumer.poll(Duration.ofMillis(500))),
          "the second is committed, but the first may still come before it");
      secondCommitted.countDown();
      assertTrue(first.get(10, TimeUnit.SECONDS) < second);

      List<ReceivedRecord> records = new ArrayList<>(consumer.poll(Duration.ofSeconds(5)));
      if (records.size() < 2) {
        records.addAll(consumer.poll(Duration.ofSeconds(5)));
      }
      assertEquals(List.of("first", "second"), values(records));
    }
  }

  @Test
  void aReadProcessWriteTransactionThatRollsBackChangesNothingOneThatCommitsChangesAll()
      throws Exception {
    String input = topic(1);
    String output = topic(1);
    String group = "processor-" + UUID.randomUUID();
    createOrdersTable();
    String order = "order-" + UUID.randomUUID();
    tributary.createProducer().send(input, "k", order);
    TributaryProducer producer = tributary.createProducer();
    TopicPartition in = new TopicPartition(input, 0);

    for (boolean commit : new boolean[] {false, true}) {
      try (TributaryConsumer consumer =
          tributary.createConsumer(
              ConsumerSettings.group(group).startingAt(OffsetReset.EARLIEST))) {
        consumer.subscribe(List.of(input));
        ReceivedRecord record = consumer.poll(Duration.ofSeconds(5)).get(0);
        transaction.begin();
        insertOrder(record.value(String.class));
        producer.send(output, null, "processed " + record.value(String.class));
        consumer.commit(Map.of(in, record.offset() + 1));
        if (commit) {
          transaction.commit();
        } else {
          transaction.rollback();
        }
      }
      try (TributaryConsumer check =
          tributary.createConsumer(
              ConsumerSettings.group(group).startingAt(OffsetReset.EARLIEST))) {
        check.subscribe(List.of(input));
        List<ReceivedRecord> again = check.poll(Duration.ofMillis(commit ? 500 : 5000));
        assertEquals(commit ? 0 : 1, again.size(), "the input offset moved only on commit");
      }
      assertEquals(commit ? 1 : 0, countOrders(order), "the app's row only on commit");
      try (TributaryConsumer results = reader(output)) {
        assertEquals(
            commit ? List.of("processed " + order) : List.of(),
            values(results.poll(Duration.ofMillis(commit ? 5000 : 500))));
      }
    }
  }

  private <T> T inTransaction(java.util.concurrent.Callable<T> work) {
    try {
      transaction.begin();
      T result = work.call();
      transaction.commit();
      return result;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void createOrdersTable() throws SQLException {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("CREATE TABLE facade_test_order (id VARCHAR(100) NOT NULL)");
    } catch (SQLException alreadyThere) {
      assertFalse(alreadyThere.getMessage().isEmpty());
    }
  }

  private void insertOrder(String id) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO facade_test_order (id) VALUES (?)")) {
      insert.setString(1, id);
      insert.executeUpdate();
    }
  }

  private int countOrders(String id) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement count =
            connection.prepareStatement("SELECT COUNT(*) FROM facade_test_order WHERE id = ?")) {
      count.setString(1, id);
      try (ResultSet result = count.executeQuery()) {
        result.next();
        return result.getInt(1);
      }
    }
  }

  @Test
  void anOffsetCommitInATransactionRollsItBackIfTheConsumerWasFencedBeforeTheCommit()
      throws Exception {
    String topic = topic(1);
    tributary.createProducer().send(topic, null, "x");
    String group = "fenced-" + UUID.randomUUID();
    ConsumerSettings settings = ConsumerSettings.group(group).startingAt(OffsetReset.EARLIEST);
    try (TributaryConsumer first = tributary.createConsumer(settings);
        TributaryConsumer second = tributary.createConsumer(settings)) {
      first.subscribe(List.of(topic));
      assertEquals(1, first.poll(Duration.ofSeconds(5)).size());

      transaction.begin();
      first.commit(Map.of(new TopicPartition(topic, 0), 1L));
      second.subscribe(List.of(topic));
      first.assignment(); // hears of the rebalance: it has moved past its commit's generation

      assertThrows(RollbackException.class, transaction::commit);
      assertTrue(commits.committed(group).isEmpty(), "the fenced commit was not written");
    }
  }

  @Test
  void aTransactionOpenTooLongIsRolledBackAndHoldsConsumersBackNoLonger() throws Exception {
    String topic = topic(1);
    TributaryProducer producer = tributary.createProducer();
    CountDownLatch sent = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Long> stale =
        CompletableFuture.supplyAsync(
            () ->
                inTransaction(
                    () -> {
                      long offset = producer.send(topic, null, "stale").offset();
                      sent.countDown();
                      await(release);
                      return offset;
                    }),
            executor);
    assertTrue(sent.await(10, TimeUnit.SECONDS));
    producer.send(topic, null, "after");

    try (TributaryConsumer consumer = reader(topic)) {
      assertEquals(List.of(), values(consumer.poll(Duration.ofMillis(300))), "held back");
      assertTrue(logs.abortTransactionsOpenLongerThan(Duration.ZERO) >= 1);
      assertEquals(List.of("after"), values(consumer.poll(Duration.ofSeconds(5))));
    } finally {
      release.countDown();
    }
    assertThrows(
        ExecutionException.class,
        () -> stale.get(10, TimeUnit.SECONDS),
        "the stale transaction can no longer commit");
    try (TributaryConsumer again = reader(topic)) {
      assertEquals(List.of("after"), values(again.poll(Duration.ofSeconds(5))), "stale is gone");
    }
  }
}
