package org.tributary.benchmark;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * A server the Kafka cases run against: where stock kafka-clients connect, how they sign in, and
 * how a fresh topic is made there.
 */
record KafkaTarget(String name, String bootstrap, Map<String, Object> security, Topics topics) {

  /** Makes a topic with the given partitions (replication factor 1). */
  @FunctionalInterface
  interface Topics {
    void create(String topic, int partitions) throws Exception;
  }

  /** The real broker: PLAINTEXT, no sign-in; topics made with {@code Admin}. */
  static KafkaTarget kafka(String name, String bootstrap) {
    return new KafkaTarget(
        name,
        bootstrap,
        Map.of(),
        (topic, partitions) -> {
          Properties config = new Properties();
          config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
          try (Admin admin = Admin.create(config)) {
            admin
                .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                .all()
                .get(30, TimeUnit.SECONDS);
          }
        });
  }

  /**
   * Tributary's Kafka listener, which requires SASL/PLAIN (the benchmark's user, admin by default);
   * topics made over HTTP v3, so the cases need no more of the Kafka protocol than they measure.
   */
  static KafkaTarget tributary(String bootstrap, TributaryClient http, Credentials credentials) {
    String clusterId = http.clusterId();
    return new KafkaTarget(
        "Tributary",
        bootstrap,
        Map.of(
            CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
            "SASL_PLAINTEXT",
            SaslConfigs.SASL_MECHANISM,
            "PLAIN",
            SaslConfigs.SASL_JAAS_CONFIG,
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + credentials.user()
                + "\" password=\""
                + credentials.password()
                + "\";"),
        (topic, partitions) -> http.createTopic(clusterId, topic, partitions));
  }

  /** Bootstrap, sign-in and a client id: what every client of this target needs. */
  Properties clientConfig(String role) {
    Properties config = new Properties();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "bench-" + role + "-" + shortId());
    config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "15000");
    config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
    config.putAll(security);
    return config;
  }

  String newTopic(String prefix, int partitions) throws Exception {
    String topic = "bench-" + prefix + "-" + shortId();
    topics.create(topic, partitions);
    return topic;
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
