package org.tributary.system.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.TributaryHttp.JSON;

import jakarta.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.utils.internals.BufferSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;
import org.tributary.system.V2Consumer;
import org.tributary.system.kafka.KafkaClients;

/**
 * Stops servers and starts them again on the same data. Kills the server with SIGKILL while
 * producers are appending, then checks what a crash must not break: every acknowledged record is
 * stored at the offset it was acknowledged with, and after a restart offsets continue without
 * reuse. A log start offset that compaction must not move survives a restart.
 */
class CrashRecoveryIT {

  private static final int PRODUCERS = 6;
  private static final int ACKS_BEFORE_KILL = 600;
  private static final int MAX_RECORDS_PER_PRODUCER = 5_000;
  private static final int KAFKA_PRODUCERS = 3;

  private final Path work = Path.of(System.getProperty("crash.test.dir"));
  private final OwnServer server =
      new OwnServer(work, Integer.parseInt(System.getProperty("crash.test.port")));
  private final TributaryHttp http = new TributaryHttp(server.url());

  /** One acknowledged record: where the server said it put it. */
  @AfterEach
  void stopServer() throws Exception {
    server.stop();
  }

  @Test
  void acknowledgedRecordsSurviveKillNineAndOffsetsAreNeverReused() throws Exception {
    server.fresh().start();
    String topic = TributaryHttp.uniqueTopic("crash");
    assertEquals(
        200,
        http.post("/topics/" + topic, JSON, "{\"records\":[{\"key\":\"warmup\",\"value\":0}]}")
            .status());

    ConcurrentLinkedQueue<Acknowledged> acks = new ConcurrentLinkedQueue<>();
    AtomicInteger failures = new AtomicInteger();
    ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);
    for (int p = 0; p < PRODUCERS; p++) {
      int producer = p;
      producers.submit(() -> produceUntilTheServerDies(topic, producer, acks, failures));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (acks.size() < ACKS_BEFORE_KILL && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    long pid = Long.parseLong(Files.readString(work.resolve("server.pid")).trim());
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    producers.shutdown();
    assertTrue(producers.awaitTermination(120, TimeUnit.SECONDS));
    ProcessHandle.of(pid).ifPresent(process -> process.onExit().join());
    assertTrue(
        acks.size() >= ACKS_BEFORE_KILL, "producers were appending when the server was killed");

    Map<Integer, Map<Long, String>> stored = readStoredRecords(topic);
    Acknowledged.assertStoredAt(stored, acks);
    Map<Integer, Long> maxStored = new HashMap<>();
    stored.forEach(
        (partition, records) ->
            maxStored.put(partition, records.keySet().stream().max(Long::compare).orElse(-1L)));

    server.start();
    for (int partition = 0; partition < 3; partition++) {
      Answer produced =
          http.post(
              "/topics/" + topic + "/partitions/" + partition,
              JSON,
              "{\"records\":[{\"value\":\"after\"}]}");
      assertEquals(200, produced.status(), produced::toString);
      long offset =
          produced
              .object()
              .getJsonArray("offsets")
              .getJsonObject(0)
              .getJsonNumber("offset")
              .longValue();
      assertEquals(
          maxStored.getOrDefault(partition, -1L) + 1,
          offset,
          "partition " + partition + " continues after its last stored offset");
    }
    System.out.printf(
        "Crash test: %d records acknowledged before SIGKILL, %d requests failed with it; all acknowledged records found.%n",
        acks.size(), failures.get());
  }

  /**
   * Kafka producers (idempotent, acks=all) keep sending while the server is killed and started
   * again: every acknowledged record is stored where it was acknowledged, and the batches in flight
   * at the kill, which the producers retry after the restart with their original sequences, are
   * stored once (a batch stored before the kill is answered as the retry it is).
   */
  @Test
  void kafkaProducersLoseNothingAcknowledgedAndTheirRetriesAfterARestartDoNotDuplicate()
      throws Exception {
    String withListener =
        System.getProperty("test.server.options", "")
            + " -Dtributary.kafka.listener=127.0.0.1:"
            + System.getProperty("crash.test.kafka.port");
    server.fresh().start(withListener, Map.of());
    String topic = TributaryHttp.uniqueTopic("crash-kafka");
    Fixtures.createTopic(http, topic, 3);

    ConcurrentLinkedQueue<Acknowledged> acks = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    AtomicBoolean sending = new AtomicBoolean(true);
    List<KafkaProducer<byte[], byte[]>> clients = new ArrayList<>();
    for (int p = 0; p < KAFKA_PRODUCERS; p++) {
      clients.add(kafkaProducer());
    }
    ExecutorService producers = Executors.newFixedThreadPool(KAFKA_PRODUCERS);
    for (int p = 0; p < KAFKA_PRODUCERS; p++) {
      int producer = p;
      producers.submit(
          () -> sendWhile(sending, clients.get(producer), topic, producer, acks, failures));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (acks.size() < ACKS_BEFORE_KILL && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    server.kill();
    int acknowledgedBeforeKill = acks.size();
    Thread.sleep(500); // the producers go on sending into the void: those batches are retried
    sending.set(false);
    producers.shutdown();
    assertTrue(acknowledgedBeforeKill >= ACKS_BEFORE_KILL, "producers were appending at the kill");

    // A send may be blocked until the broker is back (waiting for metadata, or for room in the
    // client's buffer): the restart comes first, then the senders end.
    server.start(withListener, Map.of());
    assertTrue(producers.awaitTermination(120, TimeUnit.SECONDS), "the senders ended");
    for (KafkaProducer<byte[], byte[]> client : clients) {
      client.flush(); // every send is answered: acknowledged after the restart, or failed
      client.close(Duration.ofSeconds(10));
    }
    assertEquals(List.of(), List.copyOf(failures), "no send failed: retries were answered");
    server.stop();

    Map<Integer, Map<Long, String>> stored = readStoredRecords(topic);
    Acknowledged.assertStoredOnce(stored, acks);
    System.out.printf(
        "Kafka crash test: %d records acknowledged before SIGKILL, %d in all; each stored once.%n",
        acknowledgedBeforeKill, acks.size());
  }

  private KafkaProducer<byte[], byte[]> kafkaProducer() {
    // Long enough for the restart: what was in flight at the kill is retried, not failed.
    return KafkaClients.producerThroughOutages(
        "127.0.0.1:" + System.getProperty("crash.test.kafka.port"), Duration.ofSeconds(240));
  }

  private static void sendWhile(
      AtomicBoolean sending,
      KafkaProducer<byte[], byte[]> producer,
      String topic,
      int id,
      ConcurrentLinkedQueue<Acknowledged> acks,
      ConcurrentLinkedQueue<String> failures) {
    for (int seq = 0; seq < MAX_RECORDS_PER_PRODUCER && sending.get(); seq++) {
      String value = "k" + id + "-" + seq;
      producer.send(
          new ProducerRecord<>(
              topic,
              ("producer-" + id + "-" + seq % 7).getBytes(StandardCharsets.UTF_8),
              value.getBytes(StandardCharsets.UTF_8)),
          (metadata, failure) -> {
            if (failure == null) {
              acks.add(new Acknowledged(metadata.partition(), metadata.offset(), value));
            } else {
              failures.add(value + ": " + failure);
            }
          });
      if (seq % 20 == 19) {
        try {
          Thread.sleep(2); // a steady stream, not one burst into the client's buffer
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Test
  void aLogWhoseFirstBatchCompactionRemovedStillStartsThereAfterARestart() throws Exception {
    server.fresh().start();
    String topic = TributaryHttp.uniqueTopic("compacted-restart");
    Answer created =
        http.post(
            Fixtures.v3(http, "/topics"),
            "application/json",
            "{\"topic_name\":\""
                + topic
                + "\",\"partitions_count\":1,\"configs\":[{\"name\":\"cleanup.policy\",\"value\":\"compact\"},{\"name\":\"min.cleanable.dirty.ratio\",\"value\":\"0\"}]}");
    assertEquals(201, created.status(), created::toString);
    for (String record :
        List.of(
            "\"key\":\"k\",\"value\":1",
            "\"key\":\"k\",\"value\":2",
            "\"key\":\"tail\",\"value\":3")) {
      Answer produced = http.post("/topics/" + topic, JSON, "{\"records\":[{" + record + "}]}");
      assertEquals(200, produced.status(), produced::toString);
    }
    // The test server compacts every second (tributary.log.cleaner.backoff.ms=1000).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!compactionRemovedABatch() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    server.stop();
    assertEquals(Map.of(0, Map.of(1L, "2", 2L, "3")), readStoredRecords(topic));

    server.start();
    Answer partition = http.get(Fixtures.v3(http, "/topics/" + topic + "/partitions/0"));
    assertEquals(200, partition.status(), partition::toString);
    assertEquals(0, partition.object().getJsonNumber("earliest_offset").longValue());
    assertEquals(3, partition.object().getJsonNumber("latest_offset").longValue());
  }

  @Test
  void committedOffsetsNeverMoveTheLogButARecordedGapAtItsEndDoes() throws Exception {
    server.fresh().start();
    String topic = TributaryHttp.uniqueTopic("commit-floor");
    Fixtures.createTopic(http, topic, 1);
    assertEquals(List.of(0L, 1L), Fixtures.produce(http, topic, 0, "a", "b"));
    V2Consumer consumer = V2Consumer.earliest(http, TributaryHttp.uniqueTopic("g"), "c");
    consumer.assign(topic, 0);
    Answer beyond =
        http.post(
            consumer.base() + "/offsets",
            TributaryHttp.V2,
            "{\"offsets\":[{\"topic\":\""
                + topic
                + "\",\"partition\":0,\"offset\":"
                + (Long.MAX_VALUE - 1)
                + "}]}");
    Fixtures.assertRefused(422, 42218, beyond);
    consumer.commit(topic, 0, 1);
    consumer.delete();
    server.stop();

    // What no HTTP client can do any more, as an older version let it: a commit far beyond the
    // log. And what a send rolled back at the end of the log records: where the log ends.
    long topicId = topicId(topic);
    update(
        "INSERT INTO tributary_committed_offset (group_id, topic, partition_id, committed_offset,"
            + " commit_time) SELECT 'old-version', topic, partition_id, 9223372036854775806,"
            + " commit_time FROM tributary_committed_offset WHERE topic = ?",
        topic);
    update(
        "INSERT INTO tributary_log_end (topic_id, partition_id, log_end_offset) VALUES (?, 0, 5)",
        topicId);

    server.start();
    assertEquals(
        List.of(5L, 6L),
        Fixtures.produce(http, topic, 0, "c", "d"),
        "after the recorded end, not at the highest commit");
    assertEquals(7, Fixtures.endOffset(http, topic, 0));
  }

  private long topicId(String topic) throws SQLException {
    try (Connection connection = database();
        PreparedStatement query =
            connection.prepareStatement("SELECT id FROM tributary_topic WHERE name = ?")) {
      query.setString(1, topic);
      try (ResultSet rows = query.executeQuery()) {
        assertTrue(rows.next(), topic);
        return rows.getLong(1);
      }
    } finally {
      shutDownDatabase();
    }
  }

  private void update(String sql, Object parameter) throws SQLException {
    try (Connection connection = database();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, parameter);
      assertEquals(1, statement.executeUpdate(), sql);
    } finally {
      shutDownDatabase();
    }
  }

  private Connection database() throws SQLException {
    return DriverManager.getConnection(databaseUrl(), "tributary", "tributary");
  }

  private String databaseUrl() {
    return "jdbc:derby:" + work.resolve("data/derby");
  }

  private void shutDownDatabase() {
    try {
      DriverManager.getConnection(databaseUrl() + ";shutdown=true").close();
    } catch (SQLException expected) {
      // 08006: the database was shut down, as asked.
    }
  }

  private boolean compactionRemovedABatch() {
    return http.get("/metrics")
        .body()
        .lines()
        .anyMatch(
            line ->
                line.contains("tributary_log_removed_batches_total")
                    && line.contains("\"compaction\"")
                    && Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) >= 1);
  }

  private void produceUntilTheServerDies(
      String topic,
      int producer,
      ConcurrentLinkedQueue<Acknowledged> acks,
      AtomicInteger failures) {
    for (int seq = 0; seq < MAX_RECORDS_PER_PRODUCER; seq++) {
      String value = "p" + producer + "-" + seq;
      try {
        Answer answer =
            http.post(
                "/topics/" + topic,
                JSON,
                "{\"records\":[{\"key\":\"producer-"
                    + producer
                    + "\",\"value\":\""
                    + value
                    + "\"}]}");
        if (answer.status() != 200) {
          failures.incrementAndGet();
          return;
        }
        JsonObject offset = answer.object().getJsonArray("offsets").getJsonObject(0);
        acks.add(
            new Acknowledged(
                offset.getInt("partition"),
                offset.getJsonNumber("offset").longValue(),
                "\"" + value + "\""));
      } catch (RuntimeException e) {
        failures.incrementAndGet();
        return;
      }
    }
  }

  /**
   * Opens the database the killed server left behind (Derby recovers it) and decodes every batch.
   */
  private Map<Integer, Map<Long, String>> readStoredRecords(String topic) throws SQLException {
    Map<Integer, Map<Long, String>> stored = new HashMap<>();
    String url = "jdbc:derby:" + work.resolve("data/derby");
    try (Connection connection = DriverManager.getConnection(url, "tributary", "tributary");
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT b.partition_id, b.base_offset, b.last_offset, b.batch_data FROM tributary_record_batch b"
                    + " JOIN tributary_topic t ON t.id = b.topic_id WHERE t.name = ? ORDER BY b.partition_id, b.base_offset")) {
      query.setString(1, topic);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          int partition = rows.getInt(1);
          MutableRecordBatch batch =
              MemoryRecords.readableRecords(ByteBuffer.wrap(rows.getBytes(4)))
                  .batches()
                  .iterator()
                  .next();
          batch.ensureValid();
          assertEquals(rows.getLong(2), batch.baseOffset());
          assertEquals(rows.getLong(3), batch.lastOffset());
          Map<Long, String> records = stored.computeIfAbsent(partition, p -> new HashMap<>());
          try (var iterator = batch.streamingIterator(BufferSupplier.NO_CACHING)) {
            while (iterator.hasNext()) {
              Record record = iterator.next();
              byte[] value = new byte[record.valueSize()];
              record.value().get(value);
              String previous =
                  records.put(record.offset(), new String(value, StandardCharsets.UTF_8));
              assertEquals(
                  null,
                  previous,
                  "offset " + record.offset() + " of partition " + partition + " stored twice");
            }
          }
        }
      }
    } finally {
      try {
        DriverManager.getConnection(url + ";shutdown=true").close();
      } catch (SQLException expected) {
        // 08006: the database was shut down, as asked.
      }
    }
    return stored;
  }
}
