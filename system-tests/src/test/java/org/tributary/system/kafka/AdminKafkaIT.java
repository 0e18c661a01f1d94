package org.tributary.system.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.TributaryHttp.APPLICATION_JSON;

import jakarta.json.JsonObject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreatePartitionsOptions;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;

/**
 * The topic and cluster Admin APIs with the stock {@code Admin} client: what Kafka creates, alters
 * and deletes, REST v3 sees (and the other way round), and every change is in the audit trail with
 * the SASL user and the Kafka API.
 */
class AdminKafkaIT {

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  private static <T> T get(Future<T> future) throws Exception {
    return future.get(30, TimeUnit.SECONDS);
  }

  /** The cause of the failure of {@code future}, which must fail. */
  private static Throwable failure(Future<?> future) {
    ExecutionException failed = assertThrows(ExecutionException.class, () -> get(future));
    return failed.getCause();
  }

  private JsonObject v3(String path) {
    Answer answer = http.get(Fixtures.v3(http, path));
    assertEquals(200, answer.status(), answer::toString);
    return answer.object();
  }

  private Answer v3Answer(String path) {
    return http.get(Fixtures.v3(http, path));
  }

  private String v3Config(String topic, String name) {
    return v3("/topics/" + topic + "/configs/" + name).getString("value");
  }

  /** The one audit entry of this kind on this topic, made over Kafka by {@code user}. */
  private JsonObject audited(String kind, String topic, String api) {
    JsonObject list = v3("/audit-log?kind=" + kind + "&topic=" + topic);
    List<JsonObject> entries = list.getJsonArray("data").getValuesAs(JsonObject.class);
    assertEquals(1, entries.size(), list::toString);
    JsonObject entry = entries.get(0);
    assertEquals(KafkaClients.ADMIN, entry.getString("actor"), entry::toString);
    assertTrue(entry.getString("origin").endsWith("(Kafka " + api + ")"), () -> entry.toString());
    return entry;
  }

  private static Map<String, ConfigEntry> configs(Admin admin, ConfigResource resource)
      throws Exception {
    Config config =
        get(admin
                .describeConfigs(
                    List.of(resource),
                    new DescribeConfigsOptions().includeSynonyms(true).includeDocumentation(true))
                .all())
            .get(resource);
    return config.entries().stream().collect(Collectors.toMap(ConfigEntry::name, e -> e));
  }

  private static ConfigResource topicResource(String topic) {
    return new ConfigResource(ConfigResource.Type.TOPIC, topic);
  }

  @Test
  void aTopicCreatedOverKafkaIsInV3WithItsConfigsAndAudited() throws Exception {
    String topic = KafkaClients.uniqueTopic("kadmin-create");
    try (Admin admin = KafkaClients.admin()) {
      CreateTopicsResult created =
          admin.createTopics(
              List.of(
                  new NewTopic(topic, 2, (short) 1)
                      .configs(Map.of("retention.ms", "123456", "cleanup.policy", "compact"))));
      get(created.all());
      assertEquals(2, get(created.numPartitions(topic)));
      assertEquals(1, get(created.replicationFactor(topic)));
      Config config = get(created.config(topic));
      assertEquals("123456", config.get("retention.ms").value());
      assertEquals(
          ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, config.get("retention.ms").source());
      assertEquals(
          ConfigEntry.ConfigSource.DEFAULT_CONFIG, config.get("max.message.bytes").source());

      assertTrue(get(admin.listTopics().names()).contains(topic));
      TopicDescription described =
          get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
      assertEquals(2, described.partitions().size());
    }
    assertEquals(2, v3("/topics/" + topic).getInt("partitions_count"));
    assertEquals("123456", v3Config(topic, "retention.ms"));
    assertEquals("compact", v3Config(topic, "cleanup.policy"));
    JsonObject after = audited("topic.create", topic, "CreateTopics").getJsonObject("after");
    assertEquals(2, after.getInt("partitions"), after::toString);
    assertEquals("123456", after.getJsonObject("configs").getString("retention.ms"));
  }

  @Test
  void createTopicsRefusesAsKafkaDoesAndValidateOnlyCreatesNothing() throws Exception {
    String topic = KafkaClients.uniqueTopic("kadmin-refused");
    try (Admin admin = KafkaClients.admin()) {
      CreateTopicsResult dryRun =
          admin.createTopics(
              List.of(new NewTopic(topic, java.util.Optional.empty(), java.util.Optional.empty())),
              new CreateTopicsOptions().validateOnly(true));
      get(dryRun.all());
      assertEquals(3, get(dryRun.numPartitions(topic)), "num.partitions of the test server");
      assertEquals(404, v3Answer("/topics/" + topic).status());

      Throwable factor =
          failure(admin.createTopics(List.of(new NewTopic(topic, 1, (short) 3))).all());
      assertInstanceOf(InvalidReplicationFactorException.class, factor);
      assertTrue(factor.getMessage().contains("one broker"), factor::getMessage);

      Throwable config =
          failure(
              admin
                  .createTopics(
                      List.of(
                          new NewTopic(topic, 1, (short) 1)
                              .configs(Map.of("retention.ms", "soon"))))
                  .all());
      assertInstanceOf(InvalidConfigurationException.class, config);
      assertTrue(config.getMessage().contains("retention.ms"), config::getMessage);

      assertInstanceOf(
          InvalidTopicException.class,
          failure(admin.createTopics(List.of(new NewTopic("bad/name", 1, (short) 1))).all()));

      Throwable assigned =
          failure(admin.createTopics(List.of(new NewTopic(topic, Map.of(0, List.of(0))))).all());
      assertInstanceOf(InvalidReplicaAssignmentException.class, assigned);
      assertEquals(404, v3Answer("/topics/" + topic).status());

      get(admin.createTopics(List.of(new NewTopic(topic, 1, (short) -1))).all());
      assertInstanceOf(
          TopicExistsException.class,
          failure(admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all()));
    }
  }

  @Test
  void aTopicCreatedOverV3IsDescribedOverKafka() throws Exception {
    String topic = KafkaClients.uniqueTopic("kadmin-described");
    Fixtures.createTopic(http, topic, 2, Map.of("retention.ms", "5000"));
    try (Admin admin = KafkaClients.admin(KafkaClients.VIEWER)) {
      TopicDescription described =
          get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
      assertEquals(2, described.partitions().size());
      assertEquals(0, described.partitions().get(1).leader().id());

      Map<String, ConfigEntry> configs = configs(admin, topicResource(topic));
      ConfigEntry retention = configs.get("retention.ms");
      assertEquals("5000", retention.value());
      assertEquals(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, retention.source());
      assertFalse(retention.isReadOnly());
      assertEquals(ConfigEntry.ConfigType.LONG, retention.type());
      assertEquals(
          List.of("retention.ms", "log.retention.ms"),
          retention.synonyms().stream().map(ConfigEntry.ConfigSynonym::name).toList());
      assertEquals(ConfigEntry.ConfigType.LIST, configs.get("cleanup.policy").type());
      assertEquals(ConfigEntry.ConfigSource.DEFAULT_CONFIG, configs.get("cleanup.policy").source());
      assertTrue(configs.get("cleanup.policy").documentation().contains("compact"));

      Throwable unknown =
          failure(admin.describeConfigs(List.of(topicResource(topic + "-none"))).all());
      assertInstanceOf(UnknownTopicOrPartitionException.class, unknown);
    }
  }

  @Test
  void brokerConfigsAreDescribedAndReadOnly() throws Exception {
    ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "0");
    try (Admin admin = KafkaClients.admin()) {
      Map<String, ConfigEntry> configs = configs(admin, broker);
      ConfigEntry partitions = configs.get("num.partitions");
      assertEquals("3", partitions.value(), "the test server starts with -Dnum.partitions=3");
      assertEquals(ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG, partitions.source());
      assertTrue(partitions.isReadOnly());
      assertEquals(
          List.of("num.partitions", "num.partitions"),
          partitions.synonyms().stream().map(ConfigEntry.ConfigSynonym::name).toList());
      assertEquals(
          ConfigEntry.ConfigSource.DEFAULT_CONFIG, configs.get("log.retention.ms").source());
      Set<String> v3Names = Fixtures.names(v3("/brokers/0/configs"), "name");
      assertEquals(v3Names, configs.keySet(), "Kafka and REST v3 list the same broker configs");
      assertEquals(
          Map.of(),
          configs(admin, new ConfigResource(ConfigResource.Type.BROKER, "")),
          "the cluster-wide dynamic defaults: none, every broker config is a start-up setting");

      Throwable readOnly =
          failure(
              admin
                  .incrementalAlterConfigs(
                      Map.of(
                          broker,
                          List.of(
                              new AlterConfigOp(
                                  new ConfigEntry("num.partitions", "7"), OpType.SET))))
                  .all());
      assertInstanceOf(InvalidRequestException.class, readOnly);
      assertTrue(readOnly.getMessage().contains("read-only"), readOnly::getMessage);
    }
  }

  @Test
  void createPartitionsOnlyGrowsAndIsAudited() throws Exception {
    String topic = KafkaClients.uniqueTopic("kadmin-partitions");
    Fixtures.createTopic(http, topic, 1);
    try (Admin admin = KafkaClients.admin()) {
      get(
          admin
              .createPartitions(
                  Map.of(topic, NewPartitions.increaseTo(5)),
                  new CreatePartitionsOptions().validateOnly(true))
              .all());
      assertEquals(1, v3("/topics/" + topic).getInt("partitions_count"));

      get(admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(3))).all());
      assertEquals(3, v3("/topics/" + topic).getInt("partitions_count"));
      assertEquals(
          3,
          get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().size());

      Throwable shrink =
          failure(admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(2))).all());
      assertInstanceOf(InvalidPartitionsException.class, shrink);
      assertTrue(shrink.getMessage().contains("never shrink"), shrink::getMessage);
      assertInstanceOf(
          UnknownTopicOrPartitionException.class,
          failure(
              admin.createPartitions(Map.of(topic + "-none", NewPartitions.increaseTo(2))).all()));
    }
    audited("topic.partitions", topic, "CreatePartitions");
  }

  @Test
  void incrementalAlterConfigsSetsAppendsAndDeletesAsV3Sees() throws Exception {
    String topic = KafkaClients.uniqueTopic("kadmin-alter");
    Fixtures.createTopic(http, topic, 1, Map.of("retention.bytes", "1000000"));
    ConfigResource resource = topicResource(topic);
    try (Admin admin = KafkaClients.admin()) {
      get(
          admin
              .incrementalAlterConfigs(
                  Map.of(
                      resource,
                      List.of(
                          new AlterConfigOp(new ConfigEntry("retention.ms", "777"), OpType.SET))),
                  new AlterConfigsOptions().validateOnly(true))
              .all());
      assertEquals("604800000", v3Config(topic, "retention.ms"), "validate_only changes nothing");

      get(
          admin
              .incrementalAlterConfigs(
                  Map.of(
                      resource,
                      List.of(
                          new AlterConfigOp(new ConfigEntry("retention.ms", "777"), OpType.SET),
                          new AlterConfigOp(
                              new ConfigEntry("cleanup.policy", "compact"), OpType.APPEND),
                          new AlterConfigOp(
                              new ConfigEntry("retention.bytes", ""), OpType.DELETE))))
              .all());
      assertEquals("777", v3Config(topic, "retention.ms"));
      assertEquals("delete,compact", v3Config(topic, "cleanup.policy"));
      assertEquals("-1", v3Config(topic, "retention.bytes"));
      assertEquals("delete,compact", configs(admin, resource).get("cleanup.policy").value());

      get(
          admin
              .incrementalAlterConfigs(
                  Map.of(
                      resource,
                      List.of(
                          new AlterConfigOp(
                              new ConfigEntry("cleanup.policy", "delete"), OpType.SUBTRACT))))
              .all());
      assertEquals("compact", v3Config(topic, "cleanup.policy"));

      Throwable notAList =
          failure(
              admin
                  .incrementalAlterConfigs(
                      Map.of(
                          resource,
                          List.of(
                              new AlterConfigOp(
                                  new ConfigEntry("retention.ms", "1"), OpType.APPEND))))
                  .all());
      assertInstanceOf(InvalidConfigurationException.class, notAList);
      Throwable bad =
          failure(
              admin
                  .incrementalAlterConfigs(
                      Map.of(
                          resource,
                          List.of(
                              new AlterConfigOp(new ConfigEntry("retention.ms", "x"), OpType.SET))))
                  .all());
      assertInstanceOf(InvalidConfigurationException.class, bad);
      assertTrue(bad.getMessage().contains("retention.ms"), bad::getMessage);
    }
    JsonObject list = v3("/audit-log?kind=topic.config&topic=" + topic);
    assertEquals(2, list.getJsonArray("data").size(), list::toString);
    JsonObject last = list.getJsonArray("data").getJsonObject(0);
    assertEquals(KafkaClients.ADMIN, last.getString("actor"));
    assertTrue(
        last.getString("origin").endsWith("(Kafka IncrementalAlterConfigs)"), last::toString);
  }

  @Test
  void aTopicConfigSetOverV3IsSeenOverKafkaAndTheOtherWayRound() throws Exception {
    String topic = KafkaClients.uniqueTopic("kadmin-agree");
    Fixtures.createTopic(http, topic, 1);
    Answer set =
        http.put(
            Fixtures.v3(http, "/topics/" + topic + "/configs/max.message.bytes"),
            APPLICATION_JSON,
            "{\"value\": \"2000\"}");
    assertEquals(204, set.status(), set::toString);
    try (Admin admin = KafkaClients.admin()) {
      assertEquals("2000", configs(admin, topicResource(topic)).get("max.message.bytes").value());
      get(
          admin
              .incrementalAlterConfigs(
                  Map.of(
                      topicResource(topic),
                      List.of(
                          new AlterConfigOp(
                              new ConfigEntry("max.message.bytes", ""), OpType.DELETE))))
              .all());
    }
    assertEquals("1048588", v3Config(topic, "max.message.bytes"));
  }

  @Test
  void deleteRecordsMovesTheLogStartThatV3Shows() throws Exception {
    String topic = KafkaClients.uniqueTopic("kadmin-records");
    Fixtures.createTopic(http, topic, 2);
    Fixtures.produce(http, topic, 0, "a", "b", "c", "d", "e");
    Fixtures.produce(http, topic, 1, "x", "y");
    try (Admin admin = KafkaClients.admin()) {
      TopicPartition p0 = new TopicPartition(topic, 0);
      TopicPartition p1 = new TopicPartition(topic, 1);
      var deleted =
          admin.deleteRecords(
              Map.of(
                  p0, RecordsToDelete.beforeOffset(3),
                  p1, RecordsToDelete.beforeOffset(-1)));
      assertEquals(3, get(deleted.lowWatermarks().get(p0)).lowWatermark());
      assertEquals(
          2, get(deleted.lowWatermarks().get(p1)).lowWatermark(), "-1: the high watermark");
      assertEquals(
          3, v3("/topics/" + topic + "/partitions/0").getJsonNumber("earliest_offset").longValue());
      assertEquals(
          2, v3("/topics/" + topic + "/partitions/1").getJsonNumber("earliest_offset").longValue());

      assertInstanceOf(
          OffsetOutOfRangeException.class,
          failure(admin.deleteRecords(Map.of(p0, RecordsToDelete.beforeOffset(99))).all()));
    }
    JsonObject after =
        audited("records.delete", topic, "DeleteRecords")
            .getJsonObject("after")
            .getJsonObject("log_start_offsets");
    assertEquals(3, after.getInt("0"), after::toString);
    assertEquals(2, after.getInt("1"), after::toString);
  }

  @Test
  void deleteRecordsOnACompactOnlyTopicIsAPolicyViolation() throws Exception {
    String topic = KafkaClients.uniqueTopic("kadmin-compact");
    Fixtures.createTopic(http, topic, 1, Map.of("cleanup.policy", "compact"));
    try (Admin admin = KafkaClients.admin()) {
      assertInstanceOf(
          PolicyViolationException.class,
          failure(
              admin
                  .deleteRecords(
                      Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(-1)))
                  .all()));
    }
  }

  @Test
  void deleteTopicsDeletesWhatV3SeesAndAnswersUnknownTopics() throws Exception {
    String topic = KafkaClients.uniqueTopic("kadmin-delete");
    Fixtures.createTopic(http, topic, 1);
    try (Admin admin = KafkaClients.admin()) {
      get(admin.deleteTopics(List.of(topic)).all());
      assertEquals(404, v3Answer("/topics/" + topic).status());
      assertFalse(get(admin.listTopics().names()).contains(topic));
      assertInstanceOf(
          UnknownTopicOrPartitionException.class,
          failure(admin.deleteTopics(List.of(topic)).all()));
    }
    audited("topic.delete", topic, "DeleteTopics");
  }

  @Test
  void aViewerDescribesButEveryChangeIsRefusedWithKafkasAuthorizationErrors() throws Exception {
    String topic = KafkaClients.uniqueTopic("kadmin-viewer");
    Fixtures.createTopic(http, topic, 1);
    try (Admin viewer = KafkaClients.admin(KafkaClients.VIEWER)) {
      assertEquals(
          "1048588", configs(viewer, topicResource(topic)).get("max.message.bytes").value());
      assertInstanceOf(
          TopicAuthorizationException.class,
          failure(viewer.createTopics(List.of(new NewTopic(topic + "-v", 1, (short) 1))).all()));
      assertInstanceOf(
          TopicAuthorizationException.class, failure(viewer.deleteTopics(List.of(topic)).all()));
      assertInstanceOf(
          TopicAuthorizationException.class,
          failure(viewer.createPartitions(Map.of(topic, NewPartitions.increaseTo(2))).all()));
      assertInstanceOf(
          TopicAuthorizationException.class,
          failure(
              viewer
                  .incrementalAlterConfigs(
                      Map.of(
                          topicResource(topic),
                          List.of(
                              new AlterConfigOp(new ConfigEntry("retention.ms", "1"), OpType.SET))))
                  .all()));
      assertInstanceOf(
          ClusterAuthorizationException.class,
          failure(
              viewer
                  .incrementalAlterConfigs(
                      Map.of(
                          new ConfigResource(ConfigResource.Type.BROKER, "0"),
                          List.of(
                              new AlterConfigOp(
                                  new ConfigEntry("num.partitions", "1"), OpType.SET))))
                  .all()));
      assertInstanceOf(
          TopicAuthorizationException.class,
          failure(
              viewer
                  .deleteRecords(
                      Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(0)))
                  .all()));
      Set<AclOperation> operations =
          get(
              viewer
                  .describeCluster(new DescribeClusterOptions().includeAuthorizedOperations(true))
                  .authorizedOperations());
      assertEquals(Set.of(AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS), operations);
    }
    assertEquals(1, v3("/topics/" + topic).getInt("partitions_count"));
    assertEquals("604800000", v3Config(topic, "retention.ms"));
  }

  @Test
  void aUserWithoutTheViewerRoleMayNotDescribeConfigsButMayDescribeTheCluster() throws Exception {
    String name = KafkaClients.uniqueTopic("kadmin-producer");
    String password = "pw-" + UUID.randomUUID();
    Answer created =
        http.post(
            Fixtures.v3(http, "/users"),
            APPLICATION_JSON,
            Fixtures.newUser(name, password, "producer"));
    assertEquals(201, created.status(), created::toString);
    String topic = KafkaClients.uniqueTopic("kadmin-hidden");
    Fixtures.createTopic(http, topic, 1);
    try (Admin producer = Admin.create(KafkaClients.common(name, password))) {
      assertInstanceOf(
          TopicAuthorizationException.class,
          failure(producer.describeConfigs(List.of(topicResource(topic))).all()));
      assertInstanceOf(
          ClusterAuthorizationException.class,
          failure(
              producer
                  .describeConfigs(List.of(new ConfigResource(ConfigResource.Type.BROKER, "0")))
                  .all()));
      Collection<org.apache.kafka.common.Node> nodes = get(producer.describeCluster().nodes());
      assertEquals(1, nodes.size());
      assertEquals("tributary", get(producer.describeCluster().clusterId()));
    }
  }
}
