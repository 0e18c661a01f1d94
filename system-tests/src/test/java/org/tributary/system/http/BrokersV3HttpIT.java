package org.tributary.system.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.Fixtures.assertRefused;
import static org.tributary.system.Fixtures.createTopic;
import static org.tributary.system.Fixtures.createUser;
import static org.tributary.system.Fixtures.produce;
import static org.tributary.system.TributaryHttp.APPLICATION_JSON;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import jakarta.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;

/**
 * The broker side of v3 (REST Proxy v3 shapes): this server as broker 0, its read-only configs,
 * partition replicas, reassignments, partition offsets, all topics' configs, single lags.
 */
class BrokersV3HttpIT {

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  private String v3(String path) {
    return Fixtures.v3(http, path);
  }

  private JsonObject ok(Answer answer, String kind) {
    assertEquals(200, answer.status(), answer::toString);
    assertEquals(kind, answer.object().getString("kind"), answer::toString);
    return answer.object();
  }

  private static Map<String, JsonObject> byName(JsonObject list) {
    Map<String, JsonObject> configs = new HashMap<>();
    list.getJsonArray("data")
        .getValuesAs(JsonObject.class)
        .forEach(config -> configs.put(config.getString("name"), config));
    return configs;
  }

  @Test
  void theClusterHasOneBrokerThisServerWhichIsItsController() {
    JsonObject brokers = ok(http.get(v3("/brokers")), "KafkaBrokerList");
    assertEquals(1, brokers.getJsonArray("data").size(), brokers::toString);
    JsonObject broker = brokers.getJsonArray("data").getJsonObject(0);
    assertEquals(0, broker.getInt("broker_id"));
    String self = broker.getJsonObject("metadata").getString("self");
    assertTrue(self.endsWith(v3("/brokers/0")), self);

    JsonObject cluster = ok(http.get(v3("")), "KafkaCluster");
    assertEquals(self, cluster.getJsonObject("controller").getString("related"));
    JsonObject one = ok(http.get(v3("/brokers/0")), "KafkaBroker");
    assertTrue(
        one.getJsonObject("configs").getString("related").endsWith("/brokers/0/configs"),
        one::toString);
  }

  @Test
  void brokerConfigsAreTheServersSettingsAndReadOnly() {
    Map<String, JsonObject> configs =
        byName(ok(http.get(v3("/brokers/0/configs")), "KafkaBrokerConfigList"));
    assertTrue(configs.values().stream().allMatch(c -> c.getBoolean("is_read_only")));
    JsonObject retention = configs.get("log.retention.ms");
    assertEquals("604800000", retention.getString("value"));
    assertEquals("DEFAULT_CONFIG", retention.getString("source"));
    assertTrue(retention.getBoolean("is_default"));
    assertEquals("1048588", configs.get("message.max.bytes").getString("value"));

    // num.partitions is what a topic created without a count gets
    String topic = uniqueTopic("broker-default");
    assertEquals(
        201,
        http.post(v3("/topics"), APPLICATION_JSON, "{\"topic_name\":\"" + topic + "\"}").status());
    int partitions = http.get(v3("/topics/" + topic)).object().getInt("partitions_count");
    JsonObject numPartitions =
        ok(http.get(v3("/brokers/0/configs/num.partitions")), "KafkaBrokerConfig");
    assertEquals(String.valueOf(partitions), numPartitions.getString("value"));
    assertEquals(0, numPartitions.getInt("broker_id"));

    Map<String, JsonObject> all =
        byName(ok(http.get(v3("/brokers/-/configs")), "KafkaBrokerConfigList"));
    assertEquals(configs.keySet(), all.keySet());
  }

  @Test
  void clusterWideBrokerConfigsAreTheSameSettings() {
    Map<String, JsonObject> cluster =
        byName(ok(http.get(v3("/broker-configs")), "KafkaClusterConfigList"));
    Map<String, JsonObject> broker = byName(http.get(v3("/brokers/0/configs")).object());
    assertEquals(broker.keySet(), cluster.keySet());
    JsonObject one = ok(http.get(v3("/broker-configs/log.retention.ms")), "KafkaClusterConfig");
    assertEquals("BROKER", one.getString("config_type"));
    assertEquals("604800000", one.getString("value"));
  }

  @Test
  void changingABrokerConfigIsRefusedAsReadOnly() {
    for (String path :
        List.of("/brokers/0/configs/num.partitions", "/broker-configs/num.partitions")) {
      Answer put = http.put(v3(path), APPLICATION_JSON, "{\"value\":\"12\"}");
      assertRefused(405, 405, put);
      assertTrue(put.body().contains("read-only"), put::toString);
      assertEquals("GET", put.response().headers().firstValue("Allow").orElse(""), put::toString);
      assertRefused(405, 405, http.delete(v3(path)));
    }
    assertRefused(
        404, 40411, http.put(v3("/broker-configs/no.such.config"), APPLICATION_JSON, "{}"));
    JsonObject after = http.get(v3("/brokers/0/configs/num.partitions")).object();
    assertFalse(after.getString("value").equals("12"), after::toString);
  }

  @Test
  void aViewerReadsBrokerConfigsButCannotTouchThem() {
    TributaryHttp viewer = createUser(http, "brokers-viewer", "viewer");
    assertEquals(200, viewer.get(v3("/brokers/0/configs")).status());
    assertEquals(200, viewer.get(v3("/broker-configs")).status());
    assertRefused(
        403,
        40301,
        viewer.put(v3("/brokers/0/configs/num.partitions"), APPLICATION_JSON, "{\"value\":\"1\"}"));
    assertRefused(403, 40301, viewer.delete(v3("/broker-configs/num.partitions")));
  }

  @Test
  void unknownBrokersAndConfigsAreNotFound() {
    assertRefused(404, 40430, http.get(v3("/brokers/1")));
    assertRefused(404, 40430, http.get(v3("/brokers/x/configs")));
    assertRefused(404, 40430, http.get(v3("/brokers/7/configs/num.partitions")));
    assertRefused(404, 40430, http.get(v3("/brokers/2/partition-replicas")));
    assertRefused(404, 40411, http.get(v3("/brokers/0/configs/no.such.config")));
    assertRefused(404, 40411, http.get(v3("/broker-configs/no.such.config")));
  }

  @Test
  void eachPartitionHasOneReplicaTheLeaderInSyncOnBrokerZero() {
    String topic = uniqueTopic("replicas");
    createTopic(http, topic, 2);
    JsonObject replicas =
        ok(http.get(v3("/topics/" + topic + "/partitions/1/replicas")), "KafkaReplicaList");
    assertEquals(1, replicas.getJsonArray("data").size(), replicas::toString);
    JsonObject replica = replicas.getJsonArray("data").getJsonObject(0);
    assertEquals(0, replica.getInt("broker_id"));
    assertEquals(1, replica.getInt("partition_id"));
    assertTrue(replica.getBoolean("is_leader"));
    assertTrue(replica.getBoolean("is_in_sync"));
    assertTrue(replica.getJsonObject("broker").getString("related").endsWith("/brokers/0"));
    ok(http.get(v3("/topics/" + topic + "/partitions/1/replicas/0")), "KafkaReplica");

    JsonObject onBroker = ok(http.get(v3("/brokers/0/partition-replicas")), "KafkaReplicaList");
    assertEquals(
        2,
        onBroker.getJsonArray("data").getValuesAs(JsonObject.class).stream()
            .filter(r -> r.getString("topic_name").equals(topic))
            .count(),
        onBroker::toString);

    assertRefused(404, 40430, http.get(v3("/topics/" + topic + "/partitions/1/replicas/3")));
    assertRefused(404, 40402, http.get(v3("/topics/" + topic + "/partitions/5/replicas")));
    assertRefused(404, 40402, http.get(v3("/topics/" + topic + "/partitions/x/replicas")));
    assertRefused(404, 40402, http.get(v3("/topics/" + topic + "/partitions/x")));
    assertRefused(404, 40402, http.get(v3("/topics/" + topic + "/partitions/x/replicas/0")));
    assertRefused(
        404, 40401, http.get(v3("/topics/" + uniqueTopic("none") + "/partitions/0/replicas")));
  }

  @Test
  void nothingIsEverReassigned() {
    String topic = uniqueTopic("reassign");
    createTopic(http, topic, 2);
    JsonObject all =
        ok(http.get(v3("/topics/-/partitions/-/reassignment")), "KafkaReassignmentList");
    assertEquals(0, all.getJsonArray("data").size());
    JsonObject ofTopic =
        ok(
            http.get(v3("/topics/" + topic + "/partitions/-/reassignment")),
            "KafkaReassignmentList");
    assertEquals(0, ofTopic.getJsonArray("data").size());
    JsonObject one =
        ok(http.get(v3("/topics/" + topic + "/partitions/1/reassignment")), "KafkaReassignment");
    assertEquals(0, one.getJsonArray("adding_replicas").size());
    assertEquals(0, one.getJsonArray("removing_replicas").size());

    assertRefused(
        404, 40401, http.get(v3("/topics/" + uniqueTopic("none") + "/partitions/-/reassignment")));
    assertRefused(404, 40402, http.get(v3("/topics/" + topic + "/partitions/9/reassignment")));
    assertRefused(404, 40402, http.get(v3("/topics/" + topic + "/partitions/x/reassignment")));
  }

  @Test
  void aPartitionsOffsetIsItsLogStartAndHighWatermark() {
    String topic = uniqueTopic("offset");
    createTopic(http, topic, 1);
    produce(http, topic, 0, "a", "b", "c");
    JsonObject offset =
        ok(http.get(v3("/topics/" + topic + "/partitions/0/offset")), "KafkaPartitionWithOffsets");
    assertEquals(0, offset.getJsonNumber("earliest_offset").longValue());
    assertEquals(3, offset.getJsonNumber("latest_offset").longValue());

    assertRefused(
        400,
        400,
        http.get(v3("/topics/" + topic + "/partitions/0/offset?offset_type=latest_only")));
    assertRefused(404, 40402, http.get(v3("/topics/" + topic + "/partitions/4/offset")));
    assertRefused(404, 40402, http.get(v3("/topics/" + topic + "/partitions/x/offset")));
  }

  @Test
  void allTopicsConfigsHoldEachTopicsConfigs() {
    String topic = uniqueTopic("all-configs");
    createTopic(http, topic, 1, Map.of("retention.ms", "3600000"));
    JsonObject all = ok(http.get(v3("/topics/-/configs")), "KafkaTopicConfigList");
    JsonObject retention =
        all.getJsonArray("data").getValuesAs(JsonObject.class).stream()
            .filter(c -> c.getString("topic_name").equals(topic))
            .filter(c -> c.getString("name").equals("retention.ms"))
            .findFirst()
            .orElseThrow();
    assertEquals("3600000", retention.getString("value"));
    assertEquals("DYNAMIC_TOPIC_CONFIG", retention.getString("source"));
  }

  @Test
  void anAclSearchFindsNoneTributaryAuthorizesByRoles() {
    JsonObject acls = ok(http.get(v3("/acls")), "KafkaAclList");
    assertEquals(0, acls.getJsonArray("data").size());
  }

  @Test
  void aSingleLagAndOffsetResetOfAGroup() {
    Fixtures.GroupAtRest group = Fixtures.groupAtRest(http, "single-lag");
    String groupPath = "/consumer-groups/" + group.group();
    JsonObject lag =
        ok(
            http.get(v3(groupPath + "/lags/" + group.topic() + "/partitions/0")),
            "KafkaConsumerLag");
    assertEquals(2, lag.getJsonNumber("current_offset").longValue());
    assertEquals(4, lag.getJsonNumber("log_end_offset").longValue());
    assertEquals(2, lag.getJsonNumber("lag").longValue());
    assertRefused(404, 404, http.get(v3(groupPath + "/lags/" + group.topic() + "/partitions/7")));
    assertRefused(
        404, 404, http.get(v3(groupPath + "/lags/" + uniqueTopic("none") + "/partitions/0")));
    assertRefused(
        404, 40403, http.get(v3(groupPath + "/consumers/nobody/assignments/x/partitions/0")));

    Answer reset =
        http.post(
            v3(groupPath + "/offsets:reset"),
            APPLICATION_JSON,
            "{\"strategy\":\"to-latest\",\"topic_name\":\"" + group.topic() + "\"}");
    assertEquals(200, reset.status(), reset::toString);
    long id = reset.object().getJsonNumber("reset_id").longValue();
    JsonObject one =
        ok(http.get(v3(groupPath + "/offset-resets/" + id)), "KafkaConsumerGroupOffsetReset");
    assertEquals(id, one.getJsonNumber("reset_id").longValue());
    assertEquals(
        reset.object().getJsonObject("metadata").getString("self"),
        one.getJsonObject("metadata").getString("self"));
    assertRefused(
        404,
        40412,
        http.get(v3("/consumer-groups/" + uniqueTopic("other") + "/offset-resets/" + id)));
  }
}
