package org.tributary.inserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tributary.api.ConsumerSettings;
import org.tributary.api.ConsumerSettings.OffsetReset;
import org.tributary.api.ReceivedRecord;
import org.tributary.api.TributaryConsumer;
import org.tributary.api.TributaryContext;
import org.tributary.api.TributaryProducer;
import org.tributary.topic.TopicCatalog;

/**
 * Stock Kafka clients and the facade on the same topics, inside the server: a record a Kafka
 * producer sends is polled by the facade, and a facade send in a JTA transaction reaches a Kafka
 * consumer only once the transaction commits.
 */
@ExtendWith(ArquillianExtension.class)
class KafkaFacadeInServerIT {

  @Inject TributaryContext tributary;
  @Inject TopicCatalog topics;
  @Inject UserTransaction transaction;

  private String topic() {
    String name = "kafka-facade-" + UUID.randomUUID().toString().substring(0, 8);
    topics.create(name, 1, Map.of());
    return name;
  }

  private static Properties signedIn() {
    Properties config = new Properties();
    config.put(
        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
        System.getProperty("tributary.kafka.listener"));
    config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    config.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
    config.put(
        SaslConfigs.SASL_JAAS_CONFIG,
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\""
            + " password=\""
            + System.getProperty("tributary.admin.password")
            + "\";");
    return config;
  }

  @Test
  void aRecordAKafkaProducerSendsIsPolledByTheFacade() throws Exception {
    String topic = topic();
    Properties config = signedIn();
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
      ProducerRecord<byte[], byte[]> record =
          new ProducerRecord<>(topic, bytes("order-7"), bytes("from kafka"));
      record.headers().add(new RecordHeader("trace", bytes("t-1")));
      producer.send(record).get(30, TimeUnit.SECONDS);
    }
    try (TributaryConsumer consumer =
        tributary.createConsumer(
            ConsumerSettings.group("facade-" + UUID.randomUUID())
                .startingAt(OffsetReset.EARLIEST))) {
      consumer.subscribe(List.of(topic));
      List<ReceivedRecord> records = consumer.poll(Duration.ofSeconds(10));
      assertEquals(1, records.size());
      assertEquals("order-7", records.get(0).key(String.class));
      assertEquals("from kafka", records.get(0).value(String.class));
      assertEquals("t-1", records.get(0).header("trace").orElseThrow().valueAsString());
    }
  }

  @Test
  void aFacadeSendInATransactionReachesAKafkaConsumerOnlyOnceCommitted() throws Exception {
    String topic = topic();
    TributaryProducer producer = tributary.createProducer();
    Properties config = signedIn();
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));

      transaction.begin();
      try {
        producer.send(topic, null, "in a transaction");
        assertEquals(
            List.of(), values(consumer.poll(Duration.ofMillis(500))), "invisible until committed");
        assertEquals(
            0L,
            consumer.endOffsets(List.of(partition)).get(partition),
            "the high watermark a Kafka client sees stops before it");
      } finally {
        transaction.commit();
      }
      List<String> read = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (read.isEmpty() && System.nanoTime() < deadline) {
        read.addAll(values(consumer.poll(Duration.ofMillis(200))));
      }
      assertEquals(List.of("in a transaction"), read);
      assertTrue(consumer.endOffsets(List.of(partition)).get(partition) >= 1);
    }
  }

  private static List<String> values(Iterable<ConsumerRecord<byte[], byte[]>> records) {
    List<String> values = new ArrayList<>();
    records.forEach(record -> values.add(new String(record.value(), StandardCharsets.UTF_8)));
    return values;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
