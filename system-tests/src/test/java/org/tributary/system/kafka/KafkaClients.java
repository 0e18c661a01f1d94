package org.tributary.system.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Stock kafka-clients pointed at the server under test ({@code kafka.bootstrap}), signed in with
 * SASL/PLAIN as one of the test servers' users.
 */
public final class KafkaClients {

  public static final String ADMIN = "admin";
  public static final String VIEWER = "viewer";

  private KafkaClients() {}

  public static String bootstrap() {
    return System.getProperty("kafka.bootstrap", "127.0.0.1:19092");
  }

  public static String password(String user) {
    return switch (user) {
      case ADMIN -> System.getProperty("console.admin.password", "admin-test-secret");
      case VIEWER -> System.getProperty("console.viewer.password", "viewer-test-secret");
      default -> throw new IllegalArgumentException("no known password for " + user);
    };
  }

  /** What every client needs: the bootstrap server and a SASL/PLAIN sign-in. */
  public static Properties common(String user, String password) {
    Properties config = new Properties();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    config.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
    config.put(
        SaslConfigs.SASL_JAAS_CONFIG,
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + user
            + "\" password=\""
            + password
            + "\";");
    config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "it-" + UUID.randomUUID());
    config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "15000");
    config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
    return config;
  }

  public static Properties common(String user) {
    return common(user, password(user));
  }

  public static Admin admin(String user) {
    return Admin.create(common(user));
  }

  public static Admin admin() {
    return admin(ADMIN);
  }

  public static KafkaProducer<byte[], byte[]> producer(String user, Map<String, Object> more) {
    Properties config = common(user);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    config.putAll(more);
    return new KafkaProducer<>(config);
  }

  /**
   * An idempotent {@code acks=all} producer that rides out a server's crash, restart or fail-over:
   * what is in flight then is retried for up to {@code outage}, not failed.
   */
  public static KafkaProducer<byte[], byte[]> producerThroughOutages(
      String bootstrap, Duration outage) {
    String outageMillis = String.valueOf(outage.toMillis());
    return producer(
        ADMIN,
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.LINGER_MS_CONFIG, "5",
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, outageMillis,
            ProducerConfig.MAX_BLOCK_MS_CONFIG, outageMillis,
            ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000"));
  }

  public static KafkaConsumer<byte[], byte[]> consumer(
      String user, String group, Map<String, Object> more) {
    Properties config = common(user);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    if (group != null) {
      config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    }
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.putAll(more);
    return new KafkaConsumer<>(config);
  }

  public static String uniqueTopic(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
