package org.tributary.system.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.Fixtures.assertRefused;
import static org.tributary.system.TributaryHttp.APPLICATION_JSON;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import jakarta.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;

/**
 * The exact calls of the tools that manage topics through REST Proxy v3 under Confluent's {@code
 * /kafka/v3} prefix, and the fields they read back.
 *
 * <p>Terraform's {@code confluent_kafka_topic} (confluentinc/terraform-provider-confluent,
 * resource_kafka_topic.go, over ccloud-sdk-go-v2's kafkarest/v3 client) with {@code rest_endpoint}:
 * create (POST topics: topic_name, partitions_count, configs), read (GET topic: topic_name,
 * partitions_count; GET configs: the ones whose source is DYNAMIC_TOPIC_CONFIG are the resource's
 * {@code config}), grow (PATCH topic: partitions_count), update configs (POST configs:alter, SET
 * and DELETE; read back and compared), delete (DELETE topic, then GET until 404).
 *
 * <p>Confluent for Kubernetes' KafkaTopic (closed source; its documented calls): the cluster id
 * from GET /kafka/v3/clusters when kafkaClusterID is not set, create with replication_factor from
 * {@code spec.replicas}, read, configs:alter, grow, delete.
 */
class TopicToolsHttpIT {

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  private String kafkaV3(String path) {
    return "/kafka" + Fixtures.v3(http, path);
  }

  /** What Terraform keeps as the resource's {@code config}: the topic's own settings. */
  private Map<String, String> terraformConfigs(String topic) {
    Answer configs = http.get(kafkaV3("/topics/" + topic + "/configs"));
    assertEquals(200, configs.status(), configs::toString);
    Map<String, String> dynamic = new HashMap<>();
    for (JsonObject config : configs.object().getJsonArray("data").getValuesAs(JsonObject.class)) {
      if (config.getString("source").equals("DYNAMIC_TOPIC_CONFIG") && !config.isNull("value")) {
        dynamic.put(config.getString("name"), config.getString("value"));
      }
    }
    return dynamic;
  }

  private JsonObject readTopic(String topic) {
    Answer read = http.get(kafkaV3("/topics/" + topic));
    assertEquals(200, read.status(), read::toString);
    assertEquals(
        "application/json",
        read.response().headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""));
    return read.object();
  }

  @Test
  void terraformConfluentKafkaTopicCreateReadUpdateGrowDelete() {
    String topic = uniqueTopic("terraform");
    // terraform apply: create, then read
    Answer created =
        http.post(
            kafkaV3("/topics"),
            APPLICATION_JSON,
            "{\"topic_name\":\""
                + topic
                + "\",\"partitions_count\":2,\"configs\":["
                + "{\"name\":\"cleanup.policy\",\"value\":\"compact\"},"
                + "{\"name\":\"retention.ms\",\"value\":\"3600000\"}]}");
    assertEquals(201, created.status(), created::toString);
    assertEquals(topic, created.object().getString("topic_name"));
    assertEquals(topic, readTopic(topic).getString("topic_name"));
    assertEquals(2, readTopic(topic).getInt("partitions_count"));
    assertEquals(
        Map.of("cleanup.policy", "compact", "retention.ms", "3600000"), terraformConfigs(topic));

    // terraform apply after editing partitions_count = 4
    Answer grown =
        http.patch(kafkaV3("/topics/" + topic), APPLICATION_JSON, "{\"partitions_count\":4}");
    assertEquals(200, grown.status(), grown::toString);
    assertEquals(4, grown.object().getInt("partitions_count"));

    // terraform apply after editing config: retention.ms changed, cleanup.policy removed
    Answer altered =
        http.post(
            kafkaV3("/topics/" + topic + "/configs:alter"),
            APPLICATION_JSON,
            "{\"data\":[{\"name\":\"cleanup.policy\",\"operation\":\"DELETE\"},"
                + "{\"name\":\"retention.ms\",\"value\":\"7200000\"}]}");
    assertEquals(204, altered.status(), altered::toString);
    assertEquals(Map.of("retention.ms", "7200000"), terraformConfigs(topic));
    assertEquals(4, readTopic(topic).getInt("partitions_count"));

    // a smaller partitions_count is refused (Terraform then plans a replacement)
    Answer shrink =
        http.patch(kafkaV3("/topics/" + topic), APPLICATION_JSON, "{\"partitions_count\":2}");
    Fixtures.assertClientError(shrink);

    // terraform destroy: delete, then read until 404
    Answer deleted = http.delete(kafkaV3("/topics/" + topic));
    assertEquals(204, deleted.status(), deleted::toString);
    assertRefused(404, 40401, http.get(kafkaV3("/topics/" + topic)));
  }

  @Test
  void terraformImportReadsAnExistingTopic() {
    String topic = uniqueTopic("terraform-import");
    Fixtures.createTopic(http, topic, 3, Map.of("max.message.bytes", "2000000"));
    assertEquals(3, readTopic(topic).getInt("partitions_count"));
    assertEquals(Map.of("max.message.bytes", "2000000"), terraformConfigs(topic));
  }

  @Test
  void terraformSeesAnInvalidConfigAsAnError() {
    String topic = uniqueTopic("terraform-invalid");
    Answer created =
        http.post(
            kafkaV3("/topics"),
            APPLICATION_JSON,
            "{\"topic_name\":\"" + topic + "\",\"partitions_count\":1,\"configs\":[]}");
    assertEquals(201, created.status(), created::toString);
    Answer altered =
        http.post(
            kafkaV3("/topics/" + topic + "/configs:alter"),
            APPLICATION_JSON,
            "{\"data\":[{\"name\":\"retention.ms\",\"value\":\"soon\"}]}");
    Fixtures.assertClientError(altered);
    assertEquals(Map.of(), terraformConfigs(topic));
  }

  /** kafka-rest's {@code validate_only}: the checks of a create, 200, and no topic. */
  @Test
  void aValidateOnlyCreateChecksButCreatesNothing() {
    String topic = uniqueTopic("dry-run");
    Answer dryRun =
        http.post(
            kafkaV3("/topics"),
            APPLICATION_JSON,
            "{\"topic_name\":\""
                + topic
                + "\",\"partitions_count\":2,\"validate_only\":true,"
                + "\"configs\":[{\"name\":\"retention.ms\",\"value\":\"1000\"}]}");
    assertEquals(200, dryRun.status(), dryRun::toString);
    assertEquals(2, dryRun.object().getInt("partitions_count"));
    assertRefused(404, 40401, http.get(kafkaV3("/topics/" + topic)));

    Answer badConfig =
        http.post(
            kafkaV3("/topics"),
            APPLICATION_JSON,
            "{\"topic_name\":\""
                + topic
                + "\",\"validate_only\":true,"
                + "\"configs\":[{\"name\":\"retention.ms\",\"value\":\"soon\"}]}");
    assertRefused(422, 42212, badConfig);
    Fixtures.createTopic(http, topic, 1);
    assertRefused(
        400,
        40002,
        http.post(
            kafkaV3("/topics"),
            APPLICATION_JSON,
            "{\"topic_name\":\"" + topic + "\",\"validate_only\":true}"));
  }

  @Test
  void confluentForKubernetesKafkaTopicLifecycle() {
    // kafkaClusterID not set: the first cluster of the REST endpoint
    Answer clusters = http.get("/kafka/v3/clusters");
    assertEquals(200, clusters.status(), clusters::toString);
    String clusterId =
        clusters.object().getJsonArray("data").getJsonObject(0).getString("cluster_id");
    assertEquals(Fixtures.clusterId(http), clusterId);

    String topic = uniqueTopic("cfk");
    String topics = "/kafka/v3/clusters/" + clusterId + "/topics";
    Answer created =
        http.post(
            topics,
            APPLICATION_JSON,
            "{\"topic_name\":\""
                + topic
                + "\",\"partitions_count\":3,\"replication_factor\":1,"
                + "\"configs\":[{\"name\":\"retention.bytes\",\"value\":\"1048576\"}]}");
    assertEquals(201, created.status(), created::toString);
    JsonObject read = readTopic(topic);
    assertEquals(3, read.getInt("partitions_count"));
    assertEquals(1, read.getInt("replication_factor"));
    assertFalse(read.getBoolean("is_internal"));
    assertTrue(
        read.getJsonObject("metadata").getString("self").endsWith(topics + "/" + topic),
        read::toString);

    // spec.configs changed
    assertEquals(
        204,
        http.post(
                topics + "/" + topic + "/configs:alter",
                APPLICATION_JSON,
                "{\"data\":[{\"name\":\"retention.bytes\",\"value\":\"2097152\"}]}")
            .status());
    Answer retention = http.get(topics + "/" + topic + "/configs/retention.bytes");
    assertEquals("2097152", retention.object().getString("value"), retention::toString);

    // spec.partitionCount raised
    assertEquals(
        5,
        http.patch(topics + "/" + topic, APPLICATION_JSON, "{\"partitions_count\":5}")
            .object()
            .getInt("partitions_count"));

    // spec.replicas above the brokers there are is refused, as Kafka refuses it
    Fixtures.assertClientError(
        http.post(
            topics,
            APPLICATION_JSON,
            "{\"topic_name\":\"" + uniqueTopic("cfk-rf") + "\",\"replication_factor\":3}"));

    assertEquals(204, http.delete(topics + "/" + topic).status());
    assertRefused(404, 40401, http.get(topics + "/" + topic));
  }
}
