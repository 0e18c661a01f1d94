package org.tributary.system.server.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures;
import org.tributary.system.Prometheus;
import org.tributary.system.TributaryHttp;
import org.tributary.system.kafka.KafkaClients;
import org.tributary.system.server.Acknowledged;
import org.tributary.system.server.OwnServer;

/**
 * Two servers on one PostgreSQL database, both Kafka brokers: clients that reach either one are
 * sent to the writer (Metadata's leaders, FindCoordinator), and when the writer is killed (SIGKILL)
 * the other takes over within the lease term. Idempotent producers carry on through the fail-over:
 * every acknowledged record is at the offset it was acknowledged at, and stored once.
 */
class WriterFailoverPostgreSqlIT {

  private static final long LEASE_MS = 4000;
  private static final int ACKS_BEFORE_KILL = 300;
  private static final int ACKS_AFTER_KILL = 300;
  private static final int PRODUCERS = 2;
  private static final int MAX_RECORDS_PER_PRODUCER = 200_000;

  private static final int FIRST_KAFKA =
      Integer.parseInt(System.getProperty("postgresql.own.first-kafka-port"));
  private static final int SECOND_KAFKA =
      Integer.parseInt(System.getProperty("postgresql.own.second-kafka-port"));

  private final OwnServer first = OwnPostgreSqlServers.first();
  private final OwnServer second = OwnPostgreSqlServers.second();
  private final TributaryHttp firstHttp = new TributaryHttp(first.url());
  private final TributaryHttp secondHttp = new TributaryHttp(second.url());

  @AfterEach
  void stopServers() throws Exception {
    second.stop();
    first.stop();
  }

  private static String options(int kafkaPort) {
    return System.getProperty("test.server.options")
        + " -Dtributary.writer.lease-ms="
        + LEASE_MS
        + " -Dtributary.kafka.listener=127.0.0.1:"
        + kafkaPort;
  }

  /** The first server writes; the second is started beside it, deployed but not the writer. */
  private void startBoth() throws Exception {
    first.fresh().start(options(FIRST_KAFKA), OwnPostgreSqlServers.environment());
    second.fresh().start(options(SECOND_KAFKA), OwnPostgreSqlServers.environmentNotReady());
    Fixtures.await(
        "the second server answers",
        Duration.ofSeconds(240),
        () -> Optional.of(true).filter(x -> secondHttp.get("/topics").status() == 200));
  }

  @Test
  void eitherServerSendsKafkaClientsToTheWriter() throws Exception {
    startBoth();
    String topic = TributaryHttp.uniqueTopic("two-brokers");
    Fixtures.createTopic(firstHttp, topic, 3);

    try (Admin admin = Admin.create(clientOf(SECOND_KAFKA))) {
      // Each server reads the members every quarter of the lease term.
      DescribeClusterResult cluster =
          Fixtures.await(
              "both servers are brokers",
              Duration.ofSeconds(30),
              () -> {
                DescribeClusterResult described = admin.describeCluster();
                return Optional.of(described)
                    .filter(result -> ports(result).equals(List.of(FIRST_KAFKA, SECOND_KAFKA)));
              });
      Node controller = cluster.controller().get(30, TimeUnit.SECONDS);
      assertEquals(FIRST_KAFKA, controller.port(), "the writer is the controller");
      String metrics = secondHttp.get("/metrics", "text/plain").body();
      assertEquals(2.0, Prometheus.sum(metrics, "tributary_cluster_brokers", null), metrics);
      assertEquals(
          controller.id(),
          (int) Prometheus.sum(metrics, "tributary_cluster_writer_broker", null),
          "the standby's metrics name the writer");
      assertEquals(
          0.0,
          Prometheus.sum(metrics, "tributary_writer_lease_claims_total", null),
          "the standby never wrote");
    }

    List<String> sent = new ArrayList<>();
    Map<String, RecordMetadata> acknowledged = new HashMap<>();
    try (KafkaProducer<byte[], byte[]> producer = producer(SECOND_KAFKA)) {
      for (int i = 0; i < 30; i++) {
        String value = "via-second-" + i;
        sent.add(value);
        acknowledged.put(
            value,
            producer
                .send(new ProducerRecord<>(topic, i % 3, null, bytes(value)))
                .get(30, TimeUnit.SECONDS));
      }
    }

    Map<String, Long> consumed = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer("two-brokers-" + topic, SECOND_KAFKA)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (consumed.size() < sent.size() && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          consumed.put(text(record.value()), record.offset());
        }
      }
      consumer.commitSync(Duration.ofSeconds(30));
    }
    for (String value : sent) {
      assertEquals(
          acknowledged.get(value).offset(),
          consumed.get(value),
          value + " read back by a group whose coordinator the second server named");
    }
  }

  @Test
  void aKilledWriterIsReplacedWithinTheLeaseAndItsProducersLoseNothing() throws Exception {
    startBoth();
    String topic = TributaryHttp.uniqueTopic("fail-over");
    Fixtures.createTopic(firstHttp, topic, 3);

    Senders senders = new Senders(topic, FIRST_KAFKA, SECOND_KAFKA);
    ConcurrentLinkedQueue<Acknowledged> acks = senders.acks;
    long failOverMillis;
    // A record sent only after the kill can be acknowledged by the new writer alone: the time to
    // its acknowledgement is the fail-over.
    try (KafkaProducer<byte[], byte[]> probe = producer(FIRST_KAFKA, SECOND_KAFKA)) {
      acks.add(probe(probe, topic, "probe-before-kill"));
      assertTrue(
          awaitAcks(acks, ACKS_BEFORE_KILL, Duration.ofSeconds(120)) >= ACKS_BEFORE_KILL,
          "producers were appending at the kill");
      long killedAt = System.nanoTime();
      first.kill();
      acks.add(probe(probe, topic, "probe-after-kill"));
      failOverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
    }
    int acknowledgedBeforeKill = acks.size();
    long afterKill =
        awaitAcks(acks, acknowledgedBeforeKill + ACKS_AFTER_KILL, Duration.ofSeconds(60));
    senders.stop();
    assertTrue(
        afterKill >= acknowledgedBeforeKill + ACKS_AFTER_KILL,
        "the second server took over and acknowledged " + (afterKill - acknowledgedBeforeKill));
    assertTrue(
        failOverMillis < LEASE_MS + 15_000,
        "acknowledging again " + failOverMillis + " ms after the kill (lease " + LEASE_MS + " ms)");
    assertEquals(
        200,
        secondHttp.anonymous().get("/health/ready").status(),
        "the second server is ready now that it writes");

    Acknowledged.assertStoredOnce(readBack(topic, 3), acks);
    String metrics = secondHttp.get("/metrics", "text/plain").body();
    assertEquals(
        1.0, Prometheus.sum(metrics, "tributary_writer_lease_claims_total", null), "one take-over");
    assertEquals(
        1.0,
        Prometheus.sum(metrics, "tributary_cluster_brokers", null),
        "the killed server is no longer counted");
    System.out.printf(
        "Writer fail-over: a record sent after SIGKILL was acknowledged %d ms after it (lease %d"
            + " ms); %d records acknowledged in all, each stored once at its offset.%n",
        failOverMillis, LEASE_MS, acks.size());
  }

  @Test
  void aPausedWriterThatWakesAfterATakeOverAcknowledgesNothingMore() throws Exception {
    startBoth();
    String topic = TributaryHttp.uniqueTopic("paused-writer");
    Fixtures.createTopic(firstHttp, topic, 3);

    Senders senders = new Senders(topic, FIRST_KAFKA, SECOND_KAFKA);
    assertTrue(
        awaitAcks(senders.acks, ACKS_BEFORE_KILL, Duration.ofSeconds(120)) >= ACKS_BEFORE_KILL,
        "producers were appending at the pause");
    first.pause();
    try {
      Fixtures.await(
          "the second server takes over from the paused one",
          Duration.ofMillis(LEASE_MS).plusSeconds(30),
          () ->
              Optional.of(true)
                  .filter(x -> secondHttp.anonymous().get("/health/ready").status() == 200));
      // The new writer is written to, directly, while the old one sleeps.
      try (KafkaProducer<byte[], byte[]> direct = producer(SECOND_KAFKA)) {
        for (int i = 0; i < 30; i++) {
          String value = "while-paused-" + i;
          RecordMetadata written =
              direct
                  .send(new ProducerRecord<>(topic, i % 3, null, bytes(value)))
                  .get(30, TimeUnit.SECONDS);
          senders.acks.add(new Acknowledged(written.partition(), written.offset(), value));
        }
      }
    } finally {
      first.resume();
    }
    int beforeWaking = senders.acks.size();
    // The woken server's queued requests and commits of the old epoch are refused; its producers
    // retry on the new writer, and keep sending there.
    awaitAcks(senders.acks, beforeWaking + ACKS_AFTER_KILL, Duration.ofSeconds(60));
    senders.stop();
    Acknowledged.assertStoredOnce(readBack(topic, 3), senders.acks);
    Fixtures.await(
        "the woken server says it lost the writer lease",
        Duration.ofSeconds(30),
        () -> Optional.of(true).filter(x -> logged(first, "lost the writer lease")));
  }

  private static List<Integer> ports(DescribeClusterResult cluster) {
    try {
      return cluster.nodes().get(30, TimeUnit.SECONDS).stream().map(Node::port).sorted().toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends one record and waits for its acknowledgement. */
  private static Acknowledged probe(
      KafkaProducer<byte[], byte[]> producer, String topic, String value) throws Exception {
    RecordMetadata written =
        producer
            .send(new ProducerRecord<>(topic, bytes(value)))
            .get(LEASE_MS + 60_000, TimeUnit.MILLISECONDS);
    return new Acknowledged(written.partition(), written.offset(), value);
  }

  /**
   * Idempotent producers, each sending a steady stream of records until stopped, remembering what
   * was acknowledged where, what failed, and when the first acknowledgement after an event (a kill,
   * a pause) came.
   */
  private static final class Senders {
    final ConcurrentLinkedQueue<Acknowledged> acks = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean(true);
    private final List<KafkaProducer<byte[], byte[]>> clients = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(PRODUCERS);

    Senders(String topic, int... kafkaPorts) {
      for (int p = 0; p < PRODUCERS; p++) {
        clients.add(producer(kafkaPorts));
      }
      for (int p = 0; p < PRODUCERS; p++) {
        int id = p;
        threads.submit(() -> send(topic, id));
      }
    }

    private void send(String topic, int id) {
      for (int seq = 0; seq < MAX_RECORDS_PER_PRODUCER && sending.get(); seq++) {
        String value = "p" + id + "-" + seq;
        clients
            .get(id)
            .send(
                new ProducerRecord<>(topic, bytes("key-" + seq % 7), bytes(value)),
                (metadata, failure) -> {
                  if (failure != null) {
                    failures.add(value + ": " + failure);
                    return;
                  }
                  acks.add(new Acknowledged(metadata.partition(), metadata.offset(), value));
                });
        if (seq % 20 == 19) {
          Fixtures.pause(2); // a steady stream, not one burst into the client's buffer
        }
      }
    }

    /** Stops sending, and waits until every send is answered: none may have failed. */
    void stop() throws InterruptedException {
      sending.set(false);
      threads.shutdown();
      assertTrue(threads.awaitTermination(120, TimeUnit.SECONDS), "the senders ended");
      for (KafkaProducer<byte[], byte[]> client : clients) {
        client.flush();
        client.close(Duration.ofSeconds(10));
      }
      assertEquals(List.of(), List.copyOf(failures), "no send failed: retries were answered");
    }
  }

  private static boolean logged(OwnServer server, String text) {
    try (var lines = Files.lines(server.work().resolve("server.log"))) {
      return lines.anyMatch(line -> line.contains(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until {@code count} records are acknowledged or the time is up; returns how many. */
  private static long awaitAcks(Collection<Acknowledged> acks, int count, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (acks.size() < count && System.nanoTime() < deadline) {
      Fixtures.pause(20);
    }
    return acks.size();
  }

  /** Every record of the topic, read with a Kafka consumer from the server that writes now. */
  private static Map<Integer, Map<Long, String>> readBack(String topic, int partitions) {
    List<TopicPartition> all = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      all.add(new TopicPartition(topic, p));
    }
    Map<Integer, Map<Long, String>> stored = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(null, SECOND_KAFKA)) {
      consumer.assign(all);
      consumer.seekToBeginning(all);
      Map<TopicPartition, Long> ends = consumer.endOffsets(all, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (all.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          stored
              .computeIfAbsent(record.partition(), p -> new HashMap<>())
              .put(record.offset(), text(record.value()));
        }
      }
    }
    return stored;
  }

  private static String bootstrap(int... kafkaPorts) {
    return Arrays.stream(kafkaPorts)
        .mapToObj(port -> "127.0.0.1:" + port)
        .collect(Collectors.joining(","));
  }

  private static Properties clientOf(int kafkaPort) {
    Properties config = KafkaClients.common(KafkaClients.ADMIN);
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap(kafkaPort));
    return config;
  }

  /** Long enough for the lease to pass: what was in flight at the kill is retried, not failed. */
  private static KafkaProducer<byte[], byte[]> producer(int... kafkaPorts) {
    return KafkaClients.producerThroughOutages(bootstrap(kafkaPorts), Duration.ofSeconds(120));
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String group, int kafkaPort) {
    return KafkaClients.consumer(
        KafkaClients.ADMIN,
        group,
        Map.of(
            CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap(kafkaPort),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            "false"));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
