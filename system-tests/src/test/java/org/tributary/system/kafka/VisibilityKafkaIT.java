package org.tributary.system.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures;
import org.tributary.system.Prometheus;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;

/**
 * Kafka clients are visible where HTTP clients are: in {@code GET /v3/clusters/{c}/clients} (the
 * view the console's Clients page reads) and in {@code /metrics}.
 */
class VisibilityKafkaIT {

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  @Test
  void aKafkaProducerIsListedWithItsClientIdUserAddressAndTopic() throws Exception {
    String topic = KafkaClients.uniqueTopic("kafka-visible");
    Fixtures.createTopic(http, topic, 3);
    String clientId = "visible-" + UUID.randomUUID();
    try (KafkaProducer<byte[], byte[]> producer =
        KafkaClients.producer(
            KafkaClients.ADMIN, Map.of(CommonClientConfigs.CLIENT_ID_CONFIG, clientId))) {
      for (int i = 0; i < 3; i++) {
        producer
            .send(new ProducerRecord<>(topic, ("v" + i).getBytes(StandardCharsets.UTF_8)))
            .get(30, TimeUnit.SECONDS);
      }
    }
    JsonObject client =
        Fixtures.await(
            "the Kafka producer among the clients",
            () ->
                http.get(Fixtures.v3(http, "/clients")).object().getJsonArray("data").stream()
                    .map(JsonObject.class::cast)
                    .filter(c -> clientId.equals(c.getString("client_id", null)))
                    .findFirst());
    assertEquals("PRODUCER", client.getString("kind"), client::toString);
    assertEquals(KafkaClients.ADMIN, client.getString("principal"), client::toString);
    assertEquals("127.0.0.1", client.getString("address"), client::toString);
    assertEquals(topic, client.getJsonArray("topics").getString(0), client::toString);
    assertEquals(3, client.getJsonNumber("total_records").longValue(), client::toString);
  }

  @Test
  void aKafkaConsumerIsListedWithTheRecordsItFetched() throws Exception {
    String topic = KafkaClients.uniqueTopic("kafka-visible-fetch");
    Fixtures.createTopic(http, topic, 1);
    try (KafkaProducer<byte[], byte[]> producer =
        KafkaClients.producer(KafkaClients.ADMIN, Map.of())) {
      for (int i = 0; i < 4; i++) {
        producer
            .send(new ProducerRecord<>(topic, ("v" + i).getBytes(StandardCharsets.UTF_8)))
            .get(30, TimeUnit.SECONDS);
      }
    }
    String clientId = "visible-consumer-" + UUID.randomUUID();
    try (KafkaConsumer<byte[], byte[]> consumer =
        KafkaClients.consumer(
            KafkaClients.ADMIN, null, Map.of(CommonClientConfigs.CLIENT_ID_CONFIG, clientId))) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      int read = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (read < 4 && System.nanoTime() < deadline) {
        read += consumer.poll(Duration.ofMillis(500)).count();
      }
      assertEquals(4, read);
    }
    JsonObject client =
        Fixtures.await(
            "the Kafka consumer among the clients",
            () ->
                http.get(Fixtures.v3(http, "/clients")).object().getJsonArray("data").stream()
                    .map(JsonObject.class::cast)
                    .filter(c -> clientId.equals(c.getString("client_id", null)))
                    .filter(c -> c.getJsonNumber("total_records").longValue() == 4)
                    .findFirst());
    assertEquals("CONSUMER", client.getString("kind"), client::toString);
    assertEquals(topic, client.getJsonArray("topics").getString(0), client::toString);
  }

  @Test
  void metricsCountKafkaConnectionsRequestsErrorsAndBytes() throws Exception {
    String before = metrics();
    double metadataBefore = Prometheus.sum(before, "tributary_kafka_requests_total", "Metadata");
    double refusedBefore =
        Prometheus.sum(before, "tributary_kafka_errors_total", "SASL_AUTHENTICATION_FAILED");
    double bytesInBefore = Prometheus.sum(before, "tributary_kafka_bytes_in_total", null);
    double bytesOutBefore = Prometheus.sum(before, "tributary_kafka_bytes_out_total", null);
    try (Admin admin = KafkaClients.admin()) {
      admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
      String during = metrics();
      assertTrue(Prometheus.sum(during, "tributary_kafka_connections", null) >= 1, during);
      assertTrue(
          Prometheus.sum(during, "tributary_kafka_requests_total", "Metadata") > metadataBefore,
          during);
      assertTrue(
          Prometheus.sum(during, "tributary_kafka_bytes_in_total", null) > bytesInBefore, during);
      assertTrue(
          Prometheus.sum(during, "tributary_kafka_bytes_out_total", null) > bytesOutBefore, during);
    }
    try (RawKafkaConnection raw = new RawKafkaConnection()) {
      raw.signIn(KafkaClients.uniqueTopic("nobody"), "wrong");
    }
    Fixtures.await(
        "the refused sign-in counted",
        () ->
            Optional.of(metrics())
                .filter(
                    text ->
                        Prometheus.sum(
                                text, "tributary_kafka_errors_total", "SASL_AUTHENTICATION_FAILED")
                            > refusedBefore));
  }

  private String metrics() {
    Answer metrics = http.get("/metrics", "text/plain");
    assertEquals(200, metrics.status(), metrics::toString);
    return metrics.body();
  }
}
