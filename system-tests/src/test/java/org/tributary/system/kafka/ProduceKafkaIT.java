package org.tributary.system.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.tributary.system.Fixtures.createTopic;
import static org.tributary.system.Fixtures.v3;
import static org.tributary.system.TributaryHttp.BINARY;
import static org.tributary.system.TributaryHttp.base64;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;
import org.tributary.system.V2Consumer;

/** Produce over the Kafka protocol with stock kafka-clients, read back over REST. */
class ProduceKafkaIT {

  private final TributaryHttp admin = TributaryHttp.fromSystemProperty();

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The records of a partition read over v3 without a consumer instance. */
  private List<JsonObject> readV3(String topic, int partition, long offset) {
    Answer page =
        admin.get(
            v3(
                admin,
                "/topics/" + topic + "/partitions/" + partition + "/records?offset=" + offset));
    assertEquals(200, page.status(), page::toString);
    return page.object().getJsonArray("data").getValuesAs(JsonObject.class);
  }

  private static String text(JsonObject record, String field) {
    return new String(
        Base64.getDecoder().decode(record.getJsonObject(field).getString("data")),
        StandardCharsets.UTF_8);
  }

  @Test
  void anIdempotentProducerPutsAKeyWhereRestProducePutsIt() throws Exception {
    String topic = KafkaClients.uniqueTopic("produce-keys");
    createTopic(admin, topic, 3);
    List<Integer> overKafka = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer("admin", Map.of())) {
      for (int i = 0; i < 12; i++) {
        overKafka.add(
            producer
                .send(new ProducerRecord<>(topic, bytes("key-" + i), bytes("value-" + i)))
                .get(30, TimeUnit.SECONDS)
                .partition());
      }
    }
    JsonArrayBuilder records = Json.createArrayBuilder();
    for (int i = 0; i < 12; i++) {
      records.add(
          Json.createObjectBuilder().add("key", base64("key-" + i)).add("value", base64("v")));
    }
    Answer produced =
        admin.post(
            "/topics/" + topic,
            BINARY,
            Json.createObjectBuilder().add("records", records).build().toString());
    assertEquals(200, produced.status(), produced::toString);
    List<Integer> overRest =
        produced.object().getJsonArray("offsets").getValuesAs(JsonObject.class).stream()
            .map(offset -> offset.getInt("partition"))
            .toList();
    assertEquals(overRest, overKafka, "murmur2 of the key, on both doors");
    assertTrue(overKafka.stream().distinct().count() > 1, "keys spread: " + overKafka);
  }

  @Test
  void everyCodecWithHeadersIsReadBackOverV3() throws Exception {
    String topic = KafkaClients.uniqueTopic("produce-codecs");
    createTopic(admin, topic, 1);
    List<String> codecs = List.of("none", "gzip", "snappy", "lz4", "zstd");
    List<Long> offsets = new ArrayList<>();
    for (String codec : codecs) {
      try (KafkaProducer<byte[], byte[]> producer =
          KafkaClients.producer(
              "admin",
              Map.of(
                  ProducerConfig.COMPRESSION_TYPE_CONFIG,
                  codec,
                  ProducerConfig.LINGER_MS_CONFIG,
                  20))) {
        List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          ProducerRecord<byte[], byte[]> record =
              new ProducerRecord<>(topic, 0, bytes(codec + "-k" + i), bytes(codec + "-" + i));
          record.headers().add(new RecordHeader("codec", bytes(codec)));
          sent.add(producer.send(record));
        }
        for (var future : sent) {
          offsets.add(future.get(30, TimeUnit.SECONDS).offset());
        }
      }
    }
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L), offsets);
    List<JsonObject> read = new ArrayList<>();
    for (int round = 0; round < 20 && read.size() < 15; round++) {
      read.addAll(readV3(topic, 0, read.size()));
    }
    assertEquals(15, read.size(), read::toString);
    for (int c = 0; c < codecs.size(); c++) {
      for (int i = 0; i < 3; i++) {
        JsonObject record = read.get(c * 3 + i);
        String codec = codecs.get(c);
        assertEquals(c * 3 + i, record.getJsonNumber("offset").longValue());
        assertEquals(codec + "-" + i, text(record, "value"));
        assertEquals(codec + "-k" + i, text(record, "key"));
        JsonObject header = record.getJsonArray("headers").getJsonObject(0);
        assertEquals("codec", header.getString("name"));
        assertArrayEquals(bytes(codec), Base64.getDecoder().decode(header.getString("value")));
      }
    }
  }

  @Test
  void acksZeroOneAndAllAppend() throws Exception {
    String topic = KafkaClients.uniqueTopic("produce-acks");
    createTopic(admin, topic, 1);
    for (String acks : List.of("1", "all")) {
      try (KafkaProducer<byte[], byte[]> producer =
          KafkaClients.producer("admin", Map.of(ProducerConfig.ACKS_CONFIG, acks))) {
        RecordMetadata sent =
            producer
                .send(new ProducerRecord<>(topic, 0, null, bytes("acks-" + acks)))
                .get(30, TimeUnit.SECONDS);
        assertTrue(sent.offset() >= 0, "acks=" + acks + " answers the offset");
      }
    }
    try (KafkaProducer<byte[], byte[]> producer =
        KafkaClients.producer(
            "admin",
            Map.of(
                ProducerConfig.ACKS_CONFIG,
                "0",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                false))) {
      RecordMetadata sent =
          producer
              .send(new ProducerRecord<>(topic, 0, null, bytes("acks-0")))
              .get(30, TimeUnit.SECONDS);
      assertEquals(-1, sent.offset(), "acks=0: no answer, so no offset");
      producer.flush();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    List<JsonObject> read = List.of();
    while (read.size() < 3 && System.nanoTime() < deadline) {
      read = readV3(topic, 0, 0);
    }
    assertEquals(
        List.of("acks-1", "acks-all", "acks-0"),
        read.stream().map(record -> text(record, "value")).toList());
  }

  @Test
  void aRecordProducedOverKafkaIsConsumedByAV2Instance() throws Exception {
    String topic = KafkaClients.uniqueTopic("produce-v2");
    createTopic(admin, topic, 2);
    try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer("admin", Map.of())) {
      producer
          .send(new ProducerRecord<>(topic, 1, bytes("k"), bytes("over kafka")))
          .get(30, TimeUnit.SECONDS);
    }
    try (V2Consumer consumer = V2Consumer.earliest(admin, KafkaClients.uniqueTopic("g"), "c1")) {
      consumer.assign(topic, 1);
      List<JsonObject> records = consumer.pollUntil(1);
      assertEquals("over kafka", Fixtures.decode(records.get(0).getString("value")));
      assertEquals("k", Fixtures.decode(records.get(0).getString("key")));
    }
  }

  @Test
  void aBatchLargerThanMaxMessageBytesIsRefused() {
    String topic = KafkaClients.uniqueTopic("produce-large");
    createTopic(admin, topic, 1, Map.of("max.message.bytes", "2048"));
    try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer("admin", Map.of())) {
      ExecutionException refused =
          assertThrows(
              ExecutionException.class,
              () ->
                  producer
                      .send(new ProducerRecord<>(topic, 0, null, new byte[8000]))
                      .get(30, TimeUnit.SECONDS));
      assertInstanceOf(RecordTooLargeException.class, refused.getCause(), refused::toString);
    }
    assertEquals(0, readV3(topic, 0, 0).size());
  }

  @Test
  void aViewerMayNotProduce() {
    String topic = KafkaClients.uniqueTopic("produce-viewer");
    createTopic(admin, topic, 1);
    try (KafkaProducer<byte[], byte[]> producer =
        KafkaClients.producer(
            KafkaClients.VIEWER, Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false))) {
      ExecutionException refused =
          assertThrows(
              ExecutionException.class,
              () ->
                  producer
                      .send(new ProducerRecord<>(topic, 0, null, bytes("no")))
                      .get(30, TimeUnit.SECONDS));
      assertInstanceOf(TopicAuthorizationException.class, refused.getCause(), refused::toString);
    }
  }

  @Test
  void aTransactionalProducerFailsFast() {
    long started = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer =
        KafkaClients.producer(
            "admin",
            Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                "tx-" + System.nanoTime(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                20_000))) {
      KafkaException refused = assertThrows(KafkaException.class, producer::initTransactions);
      String message = String.valueOf(refused.getMessage()) + " / " + refused.getCause();
      // Refused at FindCoordinator(TRANSACTION) or at InitProducerId, whichever the client asks.
      assertTrue(
          message.toLowerCase().contains("transaction")
              || message.contains("not supported")
              || message.contains("does not support"),
          message);
    }
    if (System.nanoTime() - started > Duration.ofSeconds(15).toNanos()) {
      fail("a transactional producer must fail fast, not wait for max.block.ms");
    }
  }

  @Test
  void anIdempotentViewerIsRefusedItsProducerId() {
    String topic = KafkaClients.uniqueTopic("produce-viewer-id");
    createTopic(admin, topic, 1);
    try (KafkaProducer<byte[], byte[]> producer =
        KafkaClients.producer(KafkaClients.VIEWER, Map.of())) {
      Exception refused =
          assertThrows(
              Exception.class,
              () ->
                  producer
                      .send(new ProducerRecord<>(topic, 0, null, bytes("no")))
                      .get(30, TimeUnit.SECONDS));
      Throwable cause = refused;
      while (cause != null && !(cause instanceof ClusterAuthorizationException)) {
        cause = cause.getCause();
      }
      assertInstanceOf(ClusterAuthorizationException.class, cause, refused::toString);
    }
  }

  @Test
  void anUnknownTopicIsCreatedByItsFirstProduce() throws Exception {
    String topic = KafkaClients.uniqueTopic("produce-auto");
    try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer("admin", Map.of())) {
      RecordMetadata sent =
          producer
              .send(new ProducerRecord<>(topic, bytes("k"), bytes("created")))
              .get(30, TimeUnit.SECONDS);
      assertEquals("created", text(readV3(topic, sent.partition(), sent.offset()).get(0), "value"));
    }
  }

  @Test
  void timestampsFollowTheTopicsRules() throws Exception {
    String bounded = KafkaClients.uniqueTopic("produce-ts");
    createTopic(admin, bounded, 1, Map.of("message.timestamp.before.max.ms", "60000"));
    String appendTime = KafkaClients.uniqueTopic("produce-lat");
    createTopic(admin, appendTime, 1, Map.of("message.timestamp.type", "LogAppendTime"));
    long anHourAgo = System.currentTimeMillis() - 3_600_000;
    try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer("admin", Map.of())) {
      ExecutionException refused =
          assertThrows(
              ExecutionException.class,
              () ->
                  producer
                      .send(new ProducerRecord<>(bounded, 0, anHourAgo, null, bytes("old")))
                      .get(30, TimeUnit.SECONDS));
      assertInstanceOf(InvalidTimestampException.class, refused.getCause(), refused::toString);

      long before = System.currentTimeMillis();
      RecordMetadata stamped =
          producer
              .send(new ProducerRecord<>(appendTime, 0, anHourAgo, null, bytes("stamped")))
              .get(30, TimeUnit.SECONDS);
      assertTrue(stamped.timestamp() >= before - 5_000, "the broker's time: " + stamped);
      JsonObject read = readV3(appendTime, 0, stamped.offset()).get(0);
      assertEquals(
          java.time.Instant.ofEpochMilli(stamped.timestamp()).toString(),
          read.getString("timestamp"));
    }
  }
}
