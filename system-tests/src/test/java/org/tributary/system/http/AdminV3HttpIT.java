package org.tributary.system.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.Fixtures.assertClientError;
import static org.tributary.system.Fixtures.assertRefused;
import static org.tributary.system.Fixtures.createTopic;
import static org.tributary.system.Fixtures.names;
import static org.tributary.system.Fixtures.produce;
import static org.tributary.system.TributaryHttp.APPLICATION_JSON;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import jakarta.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;
import org.tributary.system.V2Consumer;

/** The v3 admin resources (REST Proxy v3 shapes) against the running server. */
class AdminV3HttpIT {

  /** Kafka's {@code retention.ms} default, which the server reports for topics (7 days). */
  private static final String DEFAULT_RETENTION_MS = "604800000";

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  private String v3(String path) {
    return Fixtures.v3(http, path);
  }

  private String topics() {
    return v3("/topics");
  }

  private JsonObject config(String topic, String name) {
    Answer config = http.get(v3("/topics/" + topic + "/configs/" + name));
    assertEquals(200, config.status(), config::toString);
    assertEquals("KafkaTopicConfig", config.object().getString("kind"), config::toString);
    return config.object();
  }

  @Test
  void clustersListsThisClusterWhoseIdAddressesIt() {
    Answer clusters = http.get("/v3/clusters");

    assertEquals(200, clusters.status(), clusters::toString);
    JsonObject list = clusters.object();
    assertEquals("KafkaClusterList", list.getString("kind"), clusters::toString);
    assertNotNull(list.getJsonObject("metadata").getString("self"), clusters::toString);
    JsonObject cluster = list.getJsonArray("data").getJsonObject(0);
    assertEquals("KafkaCluster", cluster.getString("kind"), clusters::toString);
    String id = cluster.getString("cluster_id");
    assertFalse(id.isBlank(), clusters::toString);

    Answer one = http.get("/v3/clusters/" + id);
    assertEquals(200, one.status(), one::toString);
    assertEquals("KafkaCluster", one.object().getString("kind"), one::toString);
    assertEquals(id, one.object().getString("cluster_id"), one::toString);
  }

  @Test
  void anUnknownClusterIdIs404With40404() {
    String unknown = "/v3/clusters/not-" + Fixtures.clusterId(http);
    assertRefused(404, 40404, http.get(unknown));
    assertRefused(404, 40404, http.get(unknown + "/topics"));
    assertRefused(404, 40404, http.get(unknown + "/consumer-groups"));
    assertRefused(
        404,
        40404,
        http.post(
            unknown + "/topics",
            APPLICATION_JSON,
            "{\"topic_name\":\"" + uniqueTopic("nowhere") + "\",\"partitions_count\":1}"));
  }

  @Test
  void aCreatedTopicHasItsPartitionsAndConfigsAndIsListed() {
    String topic = uniqueTopic("v3-create");
    Answer created =
        http.post(
            topics(),
            APPLICATION_JSON,
            "{\"topic_name\":\""
                + topic
                + "\",\"partitions_count\":2,"
                + "\"configs\":[{\"name\":\"retention.ms\",\"value\":\"3600000\"}]}");

    assertEquals(201, created.status(), created::toString);
    JsonObject body = created.object();
    assertEquals("KafkaTopic", body.getString("kind"), created::toString);
    assertEquals(topic, body.getString("topic_name"), created::toString);
    assertEquals(2, body.getInt("partitions_count"), created::toString);
    assertEquals(Fixtures.clusterId(http), body.getString("cluster_id"), created::toString);

    Answer got = http.get(v3("/topics/" + topic));
    assertEquals(200, got.status(), got::toString);
    assertEquals(topic, got.object().getString("topic_name"));
    assertEquals(2, got.object().getInt("partitions_count"));
    assertEquals(1, got.object().getInt("replication_factor"));
    assertFalse(got.object().getBoolean("is_internal"));
    assertTrue(
        got.object().getJsonObject("metadata").getString("self").endsWith("/topics/" + topic),
        got::toString);

    JsonObject retention = config(topic, "retention.ms");
    assertEquals("3600000", retention.getString("value"));
    assertFalse(retention.getBoolean("is_default"));

    Answer list = http.get(topics());
    assertEquals(200, list.status(), list::toString);
    assertEquals("KafkaTopicList", list.object().getString("kind"));
    assertTrue(names(list.object(), "topic_name").contains(topic), list::toString);

    // The v2 view agrees.
    Answer v2 = http.get("/topics/" + topic);
    assertEquals(200, v2.status(), v2::toString);
    assertEquals(2, v2.object().getJsonArray("partitions").size());
  }

  @Test
  void creatingAnExistingTopicIsRefusedWith40002() {
    String topic = uniqueTopic("v3-dup");
    createTopic(http, topic, 1);
    assertRefused(
        400,
        40002,
        http.post(
            topics(),
            APPLICATION_JSON,
            "{\"topic_name\":\"" + topic + "\",\"partitions_count\":3}"));
    assertEquals(1, http.get(v3("/topics/" + topic)).object().getInt("partitions_count"));
  }

  @Test
  void patchGrowsThePartitionsButNeverShrinksThem() {
    String topic = uniqueTopic("v3-grow");
    createTopic(http, topic, 2);

    Answer grown = http.patch(v3("/topics/" + topic), APPLICATION_JSON, "{\"partitions_count\":4}");
    assertEquals(200, grown.status(), grown::toString);
    assertEquals("KafkaTopic", grown.object().getString("kind"));
    assertEquals(4, grown.object().getInt("partitions_count"), grown::toString);
    Answer partitions = http.get(v3("/topics/" + topic + "/partitions"));
    assertEquals(4, partitions.object().getJsonArray("data").size(), partitions::toString);
    assertEquals(List.of(0L), produce(http, topic, 3, "in the new partition"));

    assertRefused(
        422,
        42211,
        http.patch(v3("/topics/" + topic), APPLICATION_JSON, "{\"partitions_count\":3}"));
    assertEquals(4, http.get(v3("/topics/" + topic)).object().getInt("partitions_count"));
  }

  @Test
  void aDeletedTopicIsGone() {
    String topic = uniqueTopic("v3-delete");
    produce(http, topic, 0, "doomed");

    Answer deleted = http.delete(v3("/topics/" + topic));
    assertEquals(204, deleted.status(), deleted::toString);

    assertRefused(404, 40401, http.get(v3("/topics/" + topic)));
    assertRefused(404, 40401, http.get("/topics/" + topic));
    assertFalse(names(http.get(topics()).object(), "topic_name").contains(topic));
    assertRefused(404, 40401, http.delete(v3("/topics/" + topic)));
  }

  @Test
  void configsAreListedReadSetAndResetToTheirDefault() {
    String topic = uniqueTopic("v3-configs");
    createTopic(http, topic, 1);

    Answer list = http.get(v3("/topics/" + topic + "/configs"));
    assertEquals(200, list.status(), list::toString);
    assertEquals("KafkaTopicConfigList", list.object().getString("kind"));
    Map<String, JsonObject> byName = new HashMap<>();
    for (JsonObject config : list.object().getJsonArray("data").getValuesAs(JsonObject.class)) {
      byName.put(config.getString("name"), config);
    }
    assertTrue(byName.containsKey("max.message.bytes"), list::toString);
    assertEquals(DEFAULT_RETENTION_MS, byName.get("retention.ms").getString("value"));
    assertTrue(byName.get("retention.ms").getBoolean("is_default"));

    JsonObject retention = config(topic, "retention.ms");
    for (String field :
        List.of(
            "name",
            "value",
            "is_default",
            "is_read_only",
            "is_sensitive",
            "source",
            "synonyms",
            "cluster_id",
            "topic_name")) {
      assertTrue(retention.containsKey(field), field + " in " + retention);
    }
    assertEquals(topic, retention.getString("topic_name"));

    Answer put =
        http.put(
            v3("/topics/" + topic + "/configs/retention.ms"),
            APPLICATION_JSON,
            "{\"value\":\"1000\"}");
    assertEquals(204, put.status(), put::toString);
    assertEquals("1000", config(topic, "retention.ms").getString("value"));
    assertFalse(config(topic, "retention.ms").getBoolean("is_default"));
    assertEquals(
        "1000",
        http.get("/topics/" + topic).object().getJsonObject("configs").getString("retention.ms"),
        "v2 describes the same value");

    Answer reset = http.delete(v3("/topics/" + topic + "/configs/retention.ms"));
    assertEquals(204, reset.status(), reset::toString);
    JsonObject back = config(topic, "retention.ms");
    assertTrue(back.getBoolean("is_default"), back::toString);
    assertEquals(DEFAULT_RETENTION_MS, back.getString("value"), back::toString);
  }

  @Test
  void anUnknownConfigNameIs404With40411() {
    String topic = uniqueTopic("v3-noconfig");
    createTopic(http, topic, 1);
    assertRefused(404, 40411, http.get(v3("/topics/" + topic + "/configs/no.such.config")));
    assertRefused(
        404,
        40411,
        http.put(
            v3("/topics/" + topic + "/configs/no.such.config"),
            APPLICATION_JSON,
            "{\"value\":\"1\"}"));
  }

  @Test
  void alterConfigsSetsAndResetsInOneBatch() {
    String topic = uniqueTopic("v3-alter");
    createTopic(http, topic, 1);
    assertEquals(
        204,
        http.put(
                v3("/topics/" + topic + "/configs/retention.ms"),
                APPLICATION_JSON,
                "{\"value\":\"5000\"}")
            .status());

    Answer altered =
        http.post(
            v3("/topics/" + topic + "/configs:alter"),
            APPLICATION_JSON,
            "{\"data\":[{\"name\":\"max.message.bytes\",\"value\":\"2048\"},"
                + "{\"name\":\"retention.ms\",\"operation\":\"DELETE\"}]}");

    assertEquals(204, altered.status(), altered::toString);
    assertEquals("2048", config(topic, "max.message.bytes").getString("value"));
    assertFalse(config(topic, "max.message.bytes").getBoolean("is_default"));
    assertEquals(DEFAULT_RETENTION_MS, config(topic, "retention.ms").getString("value"));
    assertTrue(config(topic, "retention.ms").getBoolean("is_default"));
  }

  @Test
  void aBatchWithOneInvalidConfigChangesNothing() {
    String topic = uniqueTopic("v3-atomic");
    createTopic(http, topic, 1);
    String maxMessageBytes = config(topic, "max.message.bytes").getString("value");

    assertRefused(
        422,
        42212,
        http.post(
            v3("/topics/" + topic + "/configs:alter"),
            APPLICATION_JSON,
            "{\"data\":[{\"name\":\"retention.ms\",\"value\":\"5000\"},"
                + "{\"name\":\"max.message.bytes\",\"value\":\"lots\"}]}"));
    Answer unknownName =
        http.post(
            v3("/topics/" + topic + "/configs:alter"),
            APPLICATION_JSON,
            "{\"data\":[{\"name\":\"retention.ms\",\"value\":\"6000\"},"
                + "{\"name\":\"no.such.config\",\"value\":\"1\"}]}");
    assertClientError(unknownName);

    assertEquals(DEFAULT_RETENTION_MS, config(topic, "retention.ms").getString("value"));
    assertTrue(config(topic, "retention.ms").getBoolean("is_default"));
    assertEquals(maxMessageBytes, config(topic, "max.message.bytes").getString("value"));
  }

  @Test
  void partitionsShowTheirEarliestAndLatestOffsets() {
    String topic = uniqueTopic("v3-partitions");
    createTopic(http, topic, 3);
    produce(http, topic, 1, "a", "b", "c");

    Answer list = http.get(v3("/topics/" + topic + "/partitions"));
    assertEquals(200, list.status(), list::toString);
    assertEquals("KafkaPartitionList", list.object().getString("kind"));
    Map<Integer, JsonObject> byId =
        list.object().getJsonArray("data").getValuesAs(JsonObject.class).stream()
            .collect(Collectors.toMap(p -> p.getInt("partition_id"), p -> p));
    assertEquals(Set.of(0, 1, 2), byId.keySet(), list::toString);
    assertEquals(0, byId.get(0).getJsonNumber("latest_offset").longValue(), list::toString);
    assertEquals(3, byId.get(1).getJsonNumber("latest_offset").longValue(), list::toString);

    Answer one = http.get(v3("/topics/" + topic + "/partitions/1"));
    assertEquals(200, one.status(), one::toString);
    JsonObject partition = one.object();
    assertEquals("KafkaPartition", partition.getString("kind"));
    assertEquals(topic, partition.getString("topic_name"));
    assertEquals(1, partition.getInt("partition_id"));
    assertEquals(0, partition.getJsonNumber("earliest_offset").longValue(), one::toString);
    assertEquals(3, partition.getJsonNumber("latest_offset").longValue(), one::toString);

    assertRefused(404, 40402, http.get(v3("/topics/" + topic + "/partitions/3")));
    assertRefused(404, 40401, http.get(v3("/topics/" + uniqueTopic("missing") + "/partitions")));
  }

  @Test
  void aConsumerGroupShowsItsConsumerItsAssignmentsAndExactLags() {
    String topic = uniqueTopic("v3-lag");
    String group = uniqueTopic("v3-group");
    createTopic(http, topic, 3);
    produce(http, topic, 0, "a", "b", "c", "d", "e");
    produce(http, topic, 1, "f", "g");
    try (V2Consumer consumer = V2Consumer.earliest(http, group, "member")) {
      consumer.subscribe(topic);
      consumer.pollUntil(7);
      consumer.commitAll();
      produce(http, topic, 0, "h", "i", "j");

      Answer groups = http.get(v3("/consumer-groups"));
      assertEquals(200, groups.status(), groups::toString);
      assertEquals("KafkaConsumerGroupList", groups.object().getString("kind"));
      assertTrue(names(groups.object(), "consumer_group_id").contains(group), groups::toString);

      Answer described = http.get(v3("/consumer-groups/" + group));
      assertEquals(200, described.status(), described::toString);
      JsonObject body = described.object();
      assertEquals("KafkaConsumerGroup", body.getString("kind"));
      assertEquals(group, body.getString("consumer_group_id"));
      assertFalse(body.getBoolean("is_simple"), described::toString);
      assertTrue(body.containsKey("partition_assignor"), described::toString);
      assertTrue("STABLE".equalsIgnoreCase(body.getString("state")), described::toString);

      Answer consumers = http.get(v3("/consumer-groups/" + group + "/consumers"));
      assertEquals(200, consumers.status(), consumers::toString);
      assertEquals(1, consumers.object().getJsonArray("data").size(), consumers::toString);
      JsonObject member = consumers.object().getJsonArray("data").getJsonObject(0);
      assertEquals("KafkaConsumer", member.getString("kind"), consumers::toString);
      String consumerId = member.getString("consumer_id");
      assertTrue(member.containsKey("client_id"), consumers::toString);
      assertTrue(member.containsKey("assignments"), consumers::toString);
      assertEquals(Map.of(consumerId, Set.of(0, 1, 2)), Fixtures.v3Assignments(http, group, topic));

      Map<Integer, JsonObject> lags = Fixtures.lags(http, group, topic);
      assertLag(lags.get(0), 5, 8, 3, consumerId);
      assertLag(lags.get(1), 2, 2, 0, consumerId);
      if (lags.containsKey(2)) {
        assertEquals(0, lags.get(2).getJsonNumber("lag").longValue(), lags::toString);
      }

      Answer summary = http.get(v3("/consumer-groups/" + group + "/lag-summary"));
      assertEquals(200, summary.status(), summary::toString);
      JsonObject lagSummary = summary.object();
      assertEquals("KafkaConsumerGroupLagSummary", lagSummary.getString("kind"));
      assertEquals(3, lagSummary.getJsonNumber("max_lag").longValue(), summary::toString);
      assertEquals(3, lagSummary.getJsonNumber("total_lag").longValue(), summary::toString);
      assertEquals(topic, lagSummary.getString("max_lag_topic_name"), summary::toString);
      assertEquals(0, lagSummary.getInt("max_lag_partition_id"), summary::toString);
      assertEquals(consumerId, lagSummary.getString("max_lag_consumer_id"), summary::toString);
    }
  }

  private static void assertLag(
      JsonObject lag, long current, long logEnd, long expectedLag, String consumerId) {
    assertNotNull(lag, "a lag entry");
    assertEquals("KafkaConsumerLag", lag.getString("kind"), lag::toString);
    assertEquals(current, lag.getJsonNumber("current_offset").longValue(), lag::toString);
    assertEquals(logEnd, lag.getJsonNumber("log_end_offset").longValue(), lag::toString);
    assertEquals(expectedLag, lag.getJsonNumber("lag").longValue(), lag::toString);
    assertEquals(consumerId, lag.getString("consumer_id"), lag::toString);
  }

  @Test
  void anUnknownConsumerGroupIs404With40410() {
    String group = uniqueTopic("no-group");
    assertRefused(404, 40410, http.get(v3("/consumer-groups/" + group)));
    assertRefused(404, 40410, http.get(v3("/consumer-groups/" + group + "/consumers")));
    assertRefused(404, 40410, http.get(v3("/consumer-groups/" + group + "/lags")));
    assertRefused(404, 40410, http.get(v3("/consumer-groups/" + group + "/lag-summary")));
  }
}
