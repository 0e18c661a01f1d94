package org.tributary.system.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.Fixtures.createTopic;
import static org.tributary.system.Fixtures.newUser;
import static org.tributary.system.Fixtures.produce;
import static org.tributary.system.Fixtures.v3;
import static org.tributary.system.TributaryHttp.APPLICATION_JSON;
import static org.tributary.system.TributaryHttp.base64;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;

/**
 * Fetch and ListOffsets with a stock {@code KafkaConsumer} (assign and seek, no group): records
 * produced over REST come back with their keys, values, headers, offsets and timestamps, the long
 * poll wakes at a produce, byte limits hold, offsets are listed as Kafka lists them.
 */
class FetchKafkaIT {

  private static final Duration POLL_LIMIT = Duration.ofSeconds(30);

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  @Test
  void recordsProducedOverRestAreReadWithTheirKeysValuesHeadersOffsetsAndTimestamps() {
    String topic = KafkaClients.uniqueTopic("fetch-fields");
    createTopic(http, topic, 2);
    // Recent: the test servers check retention every second, and records older than
    // retention.ms (7 days) would be removed under the test.
    Instant first = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.MILLIS);
    for (int i = 0; i < 3; i++) {
      produceV3(topic, 1, "key-" + i, "value-" + i, first.plusSeconds(i), "h" + i, "header-" + i);
    }
    TopicPartition partition = new TopicPartition(topic, 1);
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(Map.of())) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, 0);
      List<ConsumerRecord<byte[], byte[]>> records = pollUntil(consumer, 3);
      assertEquals(3, records.size());
      for (int i = 0; i < 3; i++) {
        ConsumerRecord<byte[], byte[]> record = records.get(i);
        assertEquals(i, record.offset());
        assertEquals(1, record.partition());
        assertEquals("key-" + i, text(record.key()));
        assertEquals("value-" + i, text(record.value()));
        assertEquals(first.plusSeconds(i).toEpochMilli(), record.timestamp());
        Header[] headers = record.headers().toArray();
        assertEquals(1, headers.length);
        assertEquals("h" + i, headers[0].key());
        assertEquals("header-" + i, text(headers[0].value()));
      }
      assertEquals(3L, consumer.position(partition));
    }
  }

  @Test
  void aSeekInsideABatchStartsAtTheOffsetAskedFor() {
    String topic = KafkaClients.uniqueTopic("fetch-seek");
    createTopic(http, topic, 1);
    produce(http, topic, 0, "a", "b", "c", "d");
    TopicPartition partition = new TopicPartition(topic, 0);
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(Map.of())) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, 2);
      List<ConsumerRecord<byte[], byte[]>> records = pollUntil(consumer, 2);
      assertEquals(List.of(2L, 3L), records.stream().map(ConsumerRecord::offset).toList());
      assertEquals("c", text(records.get(0).value()));
    }
  }

  @Test
  void aLongPollWakesSoonAfterAProduce() throws Exception {
    String topic = KafkaClients.uniqueTopic("fetch-wake");
    createTopic(http, topic, 1);
    TopicPartition partition = new TopicPartition(topic, 0);
    try (KafkaConsumer<byte[], byte[]> consumer =
        consumer(Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10000"))) {
      consumer.assign(List.of(partition));
      consumer.seekToEnd(List.of(partition));
      assertEquals(0L, consumer.position(partition));
      assertTrue(consumer.poll(Duration.ofMillis(500)).isEmpty()); // a fetch now waits
      long[] producedAt = new long[1];
      CompletableFuture<Void> producer =
          CompletableFuture.runAsync(
              () -> {
                sleep(1_000);
                produce(http, topic, 0, "wake");
                producedAt[0] = System.nanoTime();
              });
      List<ConsumerRecord<byte[], byte[]>> records = pollUntil(consumer, 1);
      long receivedAt = System.nanoTime();
      producer.get(30, TimeUnit.SECONDS);
      assertEquals("wake", text(records.get(0).value()));
      long lagMillis = TimeUnit.NANOSECONDS.toMillis(receivedAt - producedAt[0]);
      System.out.println(
          "LONG POLL WAKE-UP: the record came " + lagMillis + " ms after its produce");
      // Without the wake-up the waiting fetch answers only after fetch.max.wait.ms (10 s).
      assertTrue(lagMillis < 2_000, "the consumer got the record " + lagMillis + " ms after it");
    }
  }

  @Test
  void byteLimitsHoldYetARecordLargerThanThemIsDelivered() {
    String topic = KafkaClients.uniqueTopic("fetch-bytes");
    createTopic(http, topic, 1);
    String medium = "m".repeat(20_000);
    for (int i = 0; i < 5; i++) {
      produce(http, topic, 0, medium + i); // one request, one stored batch each
    }
    String large = "L".repeat(300_000);
    produce(http, topic, 0, large);
    TopicPartition partition = new TopicPartition(topic, 0);
    try (KafkaConsumer<byte[], byte[]> consumer =
        consumer(
            Map.of(
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, "1024",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "1024"))) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, 0);
      List<ConsumerRecord<byte[], byte[]>> records = pollUntil(consumer, 6);
      assertEquals(6, records.size());
      assertEquals(large, text(records.get(5).value()));
      // Each fetch carried one batch: six fetches at least for six batches.
      assertTrue(
          metric(consumer, "fetch-total") >= 6,
          () -> "fetches: " + metric(consumer, "fetch-total"));
    }
  }

  @Test
  void beginningEndAndTimestampOffsetsAreListedAsKafkaListsThem() throws Exception {
    String topic = KafkaClients.uniqueTopic("fetch-offsets");
    createTopic(http, topic, 1);
    Instant first = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.MILLIS);
    produceV3(topic, 0, "k0", "v0", first, "h", "x");
    produceV3(topic, 0, "k1", "v1", first.plusSeconds(10), "h", "x");
    produceV3(topic, 0, "k2", "v2", first.plusSeconds(5), "h", "x");
    TopicPartition partition = new TopicPartition(topic, 0);
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(Map.of())) {
      assertEquals(0L, consumer.beginningOffsets(List.of(partition)).get(partition));
      assertEquals(3L, consumer.endOffsets(List.of(partition)).get(partition));
      Map<TopicPartition, OffsetAndTimestamp> found =
          consumer.offsetsForTimes(Map.of(partition, first.plusSeconds(3).toEpochMilli()));
      assertEquals(1L, found.get(partition).offset());
      assertEquals(first.plusSeconds(10).toEpochMilli(), found.get(partition).timestamp());
      assertNull(
          consumer
              .offsetsForTimes(Map.of(partition, first.plusSeconds(60).toEpochMilli()))
              .get(partition));
    }
    try (Admin admin = KafkaClients.admin()) {
      ListOffsetsResultInfo max =
          admin
              .listOffsets(Map.of(partition, OffsetSpec.maxTimestamp()))
              .partitionResult(partition)
              .get(30, TimeUnit.SECONDS);
      assertEquals(1L, max.offset());
      assertEquals(first.plusSeconds(10).toEpochMilli(), max.timestamp());
      assertEquals(
          -1L,
          admin
              .listOffsets(Map.of(partition, OffsetSpec.latestTiered()))
              .partitionResult(partition)
              .get(30, TimeUnit.SECONDS)
              .offset());
      assertEquals(
          0L,
          admin
              .listOffsets(Map.of(partition, OffsetSpec.earliestLocal()))
              .partitionResult(partition)
              .get(30, TimeUnit.SECONDS)
              .offset());
    }
  }

  @Test
  void aPositionBelowTheLogStartAfterDeleteRecordsIsOutOfRange() {
    String topic = KafkaClients.uniqueTopic("fetch-deleted");
    createTopic(http, topic, 1);
    produce(http, topic, 0, "a", "b", "c", "d", "e");
    Answer deleted =
        http.post(
            v3(http, "/topics/" + topic + "/records:delete"),
            APPLICATION_JSON,
            "{\"partitions\":[{\"partition_id\":0,\"offset\":3}]}");
    assertEquals(200, deleted.status(), deleted::toString);
    TopicPartition partition = new TopicPartition(topic, 0);
    try (KafkaConsumer<byte[], byte[]> consumer =
        consumer(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none"))) {
      assertEquals(3L, consumer.beginningOffsets(List.of(partition)).get(partition));
      consumer.assign(List.of(partition));
      consumer.seek(partition, 1);
      OffsetOutOfRangeException refused =
          assertThrows(OffsetOutOfRangeException.class, () -> pollUntil(consumer, 1));
      assertEquals(1L, refused.offsetOutOfRangePartitions().get(partition));
      consumer.seek(partition, 3);
      List<ConsumerRecord<byte[], byte[]>> records = pollUntil(consumer, 2);
      assertEquals(List.of(3L, 4L), records.stream().map(ConsumerRecord::offset).toList());
    }
  }

  @Test
  void aUserWithoutAReadingRoleIsRefused() {
    String topic = KafkaClients.uniqueTopic("fetch-refused");
    createTopic(http, topic, 1);
    produce(http, topic, 0, "secret");
    TopicPartition partition = new TopicPartition(topic, 0);
    try (KafkaConsumer<byte[], byte[]> consumer = consumerSignedInAs("producer")) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, 0);
      TopicAuthorizationException refused =
          assertThrows(TopicAuthorizationException.class, () -> pollUntil(consumer, 1));
      assertTrue(refused.unauthorizedTopics().contains(topic), refused::toString);
    }
    try (KafkaConsumer<byte[], byte[]> consumer = consumerSignedInAs("consumer")) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, 0);
      assertEquals("secret", text(pollUntil(consumer, 1).get(0).value()));
    }
  }

  /** A consumer signed in as a new user with this one role. */
  private KafkaConsumer<byte[], byte[]> consumerSignedInAs(String role) {
    String name = KafkaClients.uniqueTopic("fetch-" + role);
    String password = "pw-" + UUID.randomUUID();
    Answer created = http.post(v3(http, "/users"), APPLICATION_JSON, newUser(name, password, role));
    assertEquals(201, created.status(), created::toString);
    Properties config = KafkaClients.common(name, password);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(config);
  }

  @Test
  void compressedBatchesComeBackIntact() {
    String topic = KafkaClients.uniqueTopic("fetch-gzip");
    createTopic(http, topic, 1, Map.of("compression.type", "gzip"));
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      values.add("compressible value " + i + " " + "z".repeat(200));
    }
    produce(http, topic, 0, values.toArray(String[]::new));
    TopicPartition partition = new TopicPartition(topic, 0);
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(Map.of())) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, 0);
      List<ConsumerRecord<byte[], byte[]>> records = pollUntil(consumer, 50);
      assertEquals(values, records.stream().map(record -> text(record.value())).toList());
    }
    // Stored compressed (and so sent: a fetch sends stored batches as they are).
    Answer described = http.get(v3(http, "/topics/" + topic));
    assertEquals(200, described.status(), described::toString);
    long stored = described.object().getJsonObject("log").getJsonNumber("size_bytes").longValue();
    assertTrue(stored < 50 * 200, () -> "stored bytes: " + stored);
  }

  private static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> more) {
    return KafkaClients.consumer(KafkaClients.ADMIN, null, more);
  }

  /** Polls until {@code count} records came, within {@link #POLL_LIMIT}. */
  static List<ConsumerRecord<byte[], byte[]>> pollUntil(
      KafkaConsumer<byte[], byte[]> consumer, int count) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    long deadline = System.nanoTime() + POLL_LIMIT.toNanos();
    while (records.size() < count && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    }
    return records;
  }

  private void produceV3(
      String topic,
      int partition,
      String key,
      String value,
      Instant timestamp,
      String headerName,
      String headerValue) {
    JsonObjectBuilder record =
        Json.createObjectBuilder()
            .add("partition_id", partition)
            .add("key", Json.createObjectBuilder().add("type", "STRING").add("data", key))
            .add("value", Json.createObjectBuilder().add("type", "STRING").add("data", value))
            .add(
                "headers",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("name", headerName)
                            .add("value", base64(headerValue))))
            .add("timestamp", timestamp.toString());
    Answer produced =
        http.post(
            v3(http, "/topics/" + topic + "/records"), APPLICATION_JSON, record.build().toString());
    assertEquals(200, produced.status(), produced::toString);
    assertEquals(200, produced.object().getInt("error_code"), produced::toString);
  }

  private static double metric(KafkaConsumer<?, ?> consumer, String name) {
    for (Map.Entry<MetricName, ? extends Metric> metric : consumer.metrics().entrySet()) {
      if (metric.getKey().name().equals(name)
          && metric.getKey().group().equals("consumer-fetch-manager-metrics")
          && !metric.getKey().tags().containsKey("topic")) {
        return ((Number) metric.getValue().metricValue()).doubleValue();
      }
    }
    throw new AssertionError("no consumer metric " + name);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
