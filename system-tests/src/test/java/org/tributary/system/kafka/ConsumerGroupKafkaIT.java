package org.tributary.system.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.TributaryHttp.APPLICATION_JSON;

import jakarta.json.JsonObject;
import java.io.File;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.InconsistentGroupProtocolException;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;
import org.tributary.system.V2Consumer;

/**
 * Kafka's classic group protocol with stock clients: rebalances as members come and go, commits and
 * resuming after them, the Admin client's group APIs, and the one table of committed offsets that
 * REST v3 and the console read too.
 */
class ConsumerGroupKafkaIT {

  private static final Duration LIMIT = Duration.ofSeconds(45);
  private final TributaryHttp http = TributaryHttp.fromSystemProperty();
  private final String consumerUser = TributaryHttp.uniqueTopic("kafka-consumer");
  private final String consumerPassword = "pw-" + UUID.randomUUID();

  ConsumerGroupKafkaIT() {
    Answer created =
        http.post(
            Fixtures.v3(http, "/users"),
            APPLICATION_JSON,
            Fixtures.newUser(consumerUser, consumerPassword, "consumer"));
    assertEquals(201, created.status(), created::toString);
  }

  private PollingConsumer member(String group, String topic) {
    return member(group, topic, RangeAssignor.class);
  }

  private PollingConsumer member(String group, String topic, Class<?> assignor) {
    return new PollingConsumer(
        PollingConsumer.config(
            consumerUser,
            consumerPassword,
            group,
            Map.of(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, assignor.getName())),
        List.of(topic));
  }

  private static ConsumerGroupDescription describe(Admin admin, String group) {
    try {
      return admin
          .describeConsumerGroups(List.of(group))
          .describedGroups()
          .get(group)
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The group's description, empty while it is not known yet. */
  private static Optional<ConsumerGroupDescription> find(Admin admin, String group) {
    try {
      return Optional.of(describe(admin, group));
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof ExecutionException failed
          && failed.getCause() instanceof GroupIdNotFoundException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Waits until the group is stable with these many members, each with its share of partitions. */
  private static ConsumerGroupDescription awaitStable(
      Admin admin, String group, int members, int partitions) {
    return Fixtures.await(
        "group " + group + " stable with " + members + " members",
        LIMIT,
        () -> {
          ConsumerGroupDescription described = find(admin, group).orElse(null);
          if (described == null) {
            return Optional.empty();
          }
          Set<TopicPartition> assigned = new HashSet<>();
          boolean even = true;
          for (MemberDescription member : described.members()) {
            Set<TopicPartition> own = member.assignment().topicPartitions();
            even &= own.size() == partitions / members;
            assigned.addAll(own);
          }
          return described.groupState() == GroupState.STABLE
                  && described.members().size() == members
                  && even
                  && assigned.size() == partitions
              ? Optional.of(described)
              : Optional.empty();
        });
  }

  private Process childConsumer(String group, String topic, Class<?> assignor) throws Exception {
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            PollingConsumer.class.getName(),
            KafkaClients.bootstrap(),
            consumerUser,
            consumerPassword,
            group,
            topic,
            assignor.getName())
        .redirectErrorStream(true)
        .redirectOutput(new File("target/child-consumer-" + group + ".log"))
        .start();
  }

  @Test
  void aGroupRebalancesWhenAThirdJoinsAndWhenAKilledMembersSessionEnds() throws Exception {
    rebalances(RangeAssignor.class, "range");
  }

  @Test
  void aCooperativeGroupRebalancesTheSameWay() throws Exception {
    rebalances(CooperativeStickyAssignor.class, "cooperative-sticky");
  }

  private void rebalances(Class<?> assignor, String protocol) throws Exception {
    String topic = TributaryHttp.uniqueTopic("kafka-group");
    Fixtures.createTopic(http, topic, 6);
    String group = TributaryHttp.uniqueTopic("kafka-group");
    Process child = childConsumer(group, topic, assignor);
    try (Admin admin = KafkaClients.admin();
        PollingConsumer second = member(group, topic, assignor)) {
      awaitStable(admin, group, 2, 6);
      try (PollingConsumer third = member(group, topic, assignor)) {
        ConsumerGroupDescription three = awaitStable(admin, group, 3, 6);
        assertEquals(protocol, three.partitionAssignor());
        assertEquals(3, Fixtures.v3Assignments(http, group, topic).size(), "REST v3 sees them");

        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        long killed = System.nanoTime();
        awaitStable(admin, group, 2, 6);
        assertTrue(
            System.nanoTime() - killed < Duration.ofSeconds(30).toNanos(),
            "the session timeout (6 s) ended the killed member");
        assertEquals(null, second.failure());
        assertEquals(null, third.failure());
      }
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void aRestartedConsumerResumesExactlyAfterItsCommit() throws Exception {
    String topic = TributaryHttp.uniqueTopic("kafka-resume");
    Fixtures.createTopic(http, topic, 1);
    Fixtures.produce(http, topic, 0, "a", "b", "c", "d", "e", "f");
    String group = TributaryHttp.uniqueTopic("kafka-resume");
    Properties config =
        PollingConsumer.config(
            consumerUser,
            consumerPassword,
            group,
            Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
    try (KafkaConsumer<byte[], byte[]> first = new KafkaConsumer<>(config)) {
      first.subscribe(List.of(topic));
      ConsumerRecord<byte[], byte[]> third = readUntil(first, 3).get(2);
      first.commitSync(
          Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(third.offset() + 1)));
    }
    try (Admin admin = KafkaClients.admin()) {
      assertEquals(
          3,
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS)
              .get(new TopicPartition(topic, 0))
              .offset());
    }
    assertEquals(
        3, Fixtures.lags(http, group, topic).get(0).getJsonNumber("current_offset").longValue());
    try (KafkaConsumer<byte[], byte[]> restarted = new KafkaConsumer<>(config)) {
      restarted.subscribe(List.of(topic));
      assertEquals(3, readUntil(restarted, 1).get(0).offset(), "exactly after the commit");
    }
  }

  private static List<ConsumerRecord<byte[], byte[]>> readUntil(
      KafkaConsumer<byte[], byte[]> consumer, int count) {
    List<ConsumerRecord<byte[], byte[]>> read = new java.util.ArrayList<>();
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (read.size() < count && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(500)).forEach(read::add);
    }
    assertTrue(read.size() >= count, "read " + read.size() + " of " + count);
    return read;
  }

  @Test
  void theAdminClientListsDescribesAltersAndDeletesAKafkaGroup() throws Exception {
    String topic = TributaryHttp.uniqueTopic("kafka-admin");
    Fixtures.createTopic(http, topic, 2);
    Fixtures.produce(http, topic, 0, "a", "b", "c", "d");
    String group = TributaryHttp.uniqueTopic("kafka-admin");
    TopicPartition p0 = new TopicPartition(topic, 0);
    try (Admin admin = KafkaClients.admin()) {
      try (PollingConsumer member = member(group, topic)) {
        ConsumerGroupDescription described = awaitStable(admin, group, 1, 2);
        MemberDescription only = described.members().iterator().next();
        assertEquals(Set.of(p0, new TopicPartition(topic, 1)), only.assignment().topicPartitions());
        assertTrue(only.host().contains("127.0.0.1"), only::toString);
        Collection<GroupListing> listed =
            admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(30, TimeUnit.SECONDS);
        assertTrue(
            listed.stream().anyMatch(g -> g.groupId().equals(group)), () -> listed.toString());
        ExecutionException notEmpty =
            assertThrows(
                ExecutionException.class,
                () -> admin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS));
        assertInstanceOf(GroupNotEmptyException.class, notEmpty.getCause());
        Answer resetRefused =
            http.post(
                Fixtures.v3(http, "/consumer-groups/" + group + "/offsets:reset"),
                APPLICATION_JSON,
                "{\"strategy\":\"to-earliest\",\"topic_name\":\"" + topic + "\"}");
        assertEquals(409, resetRefused.status(), resetRefused::toString);
        assertEquals(40904, resetRefused.errorCode(), resetRefused::toString);
        assertEquals(
            1, Fixtures.v3Assignments(http, group, topic).size(), "REST v3 sees the Kafka member");
      }
      assertEquals(GroupState.EMPTY, describe(admin, group).groupState());

      admin
          .alterConsumerGroupOffsets(group, Map.of(p0, new OffsetAndMetadata(2)))
          .all()
          .get(30, TimeUnit.SECONDS);
      assertEquals(
          2,
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS)
              .get(p0)
              .offset());
      assertEquals(
          2, Fixtures.lags(http, group, topic).get(0).getJsonNumber("current_offset").longValue());
      assertEquals(2, Fixtures.lags(http, group, topic).get(0).getJsonNumber("lag").longValue());

      admin.deleteConsumerGroupOffsets(group, Set.of(p0)).all().get(30, TimeUnit.SECONDS);
      assertFalse(
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS)
              .containsKey(p0));
      admin.alterConsumerGroupOffsets(group, Map.of(p0, new OffsetAndMetadata(1))).all().get();
      admin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
      assertAuditedOverKafka("group.offsets.delete", group, "OffsetDelete");
      assertAuditedOverKafka("group.delete", group, "DeleteGroups");
      ExecutionException gone =
          assertThrows(
              ExecutionException.class,
              () ->
                  admin
                      .describeConsumerGroups(List.of(group))
                      .describedGroups()
                      .get(group)
                      .get(30, TimeUnit.SECONDS));
      assertInstanceOf(GroupIdNotFoundException.class, gone.getCause());
    }
  }

  @Test
  void aGroupIsEitherKafkasOrTributarysWhileItHasMembers() throws Exception {
    String topic = TributaryHttp.uniqueTopic("kafka-kinds");
    Fixtures.createTopic(http, topic, 1);
    String restGroup = TributaryHttp.uniqueTopic("rest-kind");
    try (V2Consumer rest = V2Consumer.earliest(http, restGroup, "rest")) {
      rest.subscribe(topic);
      rest.poll(100);
      try (Admin admin = KafkaClients.admin()) {
        ConsumerGroupDescription described = awaitStable(admin, restGroup, 1, 1);
        assertEquals(
            Set.of(new TopicPartition(topic, 0)),
            described.members().iterator().next().assignment().topicPartitions(),
            "a REST member's assignment in Kafka's consumer protocol");
        assertEquals("range", described.partitionAssignor());
      }
      Properties config =
          PollingConsumer.config(consumerUser, consumerPassword, restGroup, Map.of());
      try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(config)) {
        kafka.subscribe(List.of(topic));
        assertThrows(
            InconsistentGroupProtocolException.class, () -> kafka.poll(Duration.ofSeconds(20)));
      }
    }

    String kafkaGroup = TributaryHttp.uniqueTopic("kafka-kind");
    try (Admin admin = KafkaClients.admin();
        PollingConsumer member = member(kafkaGroup, topic)) {
      awaitStable(admin, kafkaGroup, 1, 1);
      try (V2Consumer rest = V2Consumer.earliest(http, kafkaGroup, "rest")) {
        Answer refused =
            http.post(
                rest.base() + "/subscription",
                TributaryHttp.V2,
                "{\"topics\":[\"" + topic + "\"]}");
        assertEquals(422, refused.status(), refused::toString);
        assertEquals(42216, refused.errorCode(), refused::toString);
      }
      assertEquals(null, member.failure());
    }
  }

  @Test
  void aResetOfAnEmptyKafkaGroupIsWhereItsConsumerResumes() throws Exception {
    String topic = TributaryHttp.uniqueTopic("kafka-reset");
    Fixtures.createTopic(http, topic, 1);
    Fixtures.produce(http, topic, 0, "a", "b", "c", "d", "e");
    String group = TributaryHttp.uniqueTopic("kafka-reset");
    Properties config =
        PollingConsumer.config(
            consumerUser,
            consumerPassword,
            group,
            Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
    try (KafkaConsumer<byte[], byte[]> first = new KafkaConsumer<>(config)) {
      first.subscribe(List.of(topic));
      readUntil(first, 5);
      first.commitSync();
    }
    Answer reset =
        http.post(
            Fixtures.v3(http, "/consumer-groups/" + group + "/offsets:reset"),
            APPLICATION_JSON,
            "{\"strategy\":\"to-offset\",\"topic_name\":\""
                + topic
                + "\",\"offset\":1,\"dry_run\":false}");
    assertEquals(200, reset.status(), reset::toString);
    try (KafkaConsumer<byte[], byte[]> resumed = new KafkaConsumer<>(config)) {
      resumed.subscribe(List.of(topic));
      assertEquals(1, readUntil(resumed, 1).get(0).offset());
    }
  }

  @Test
  void aViewerMayDescribeButNotJoinOrDelete() throws Exception {
    String group = TributaryHttp.uniqueTopic("kafka-viewer");
    Properties config = KafkaClients.common(KafkaClients.VIEWER);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
        org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
    config.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
        org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> viewer = new KafkaConsumer<>(config)) {
      viewer.subscribe(List.of("anything"));
      assertThrows(GroupAuthorizationException.class, () -> viewer.poll(Duration.ofSeconds(20)));
    }
    try (Admin viewer = KafkaClients.admin(KafkaClients.VIEWER)) {
      viewer.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(30, TimeUnit.SECONDS);
      ExecutionException refused =
          assertThrows(
              ExecutionException.class,
              () -> viewer.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS));
      assertInstanceOf(GroupAuthorizationException.class, refused.getCause());
    }
  }

  @Test
  void aTransactionalProducerFailsAtOnceSayingTransactionsAreNotSupported() {
    long start = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer =
        KafkaClients.producer(
            KafkaClients.ADMIN,
            Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                "tx-" + UUID.randomUUID(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                "30000"))) {
      KafkaException refused = assertThrows(KafkaException.class, producer::initTransactions);
      assertTrue(
          refused.getMessage().contains("transactions are not supported"), refused::getMessage);
    }
    assertTrue(
        System.nanoTime() - start < Duration.ofSeconds(15).toNanos(),
        "failed fast, not after max.block.ms of retries");
  }

  @Test
  void aStaticMemberComesBackUnderItsInstanceIdWithoutWaitingForItsSession() throws Exception {
    String topic = TributaryHttp.uniqueTopic("kafka-static");
    Fixtures.createTopic(http, topic, 2);
    String group = TributaryHttp.uniqueTopic("kafka-static");
    Map<String, Object> instance = Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "host-1");
    Properties config = PollingConsumer.config(consumerUser, consumerPassword, group, instance);
    try (Admin admin = KafkaClients.admin()) {
      String firstId;
      try (PollingConsumer first = new PollingConsumer(config, List.of(topic))) {
        MemberDescription member = awaitStable(admin, group, 1, 2).members().iterator().next();
        assertEquals(Optional.of("host-1"), member.groupInstanceId());
        firstId = member.consumerId();
        Answer consumers = http.get(Fixtures.v3(http, "/consumer-groups/" + group + "/consumers"));
        assertEquals(
            "host-1",
            consumers.object().getJsonArray("data").getJsonObject(0).getString("instance_id"),
            consumers::toString);
      }
      long restarted = System.nanoTime();
      try (PollingConsumer second = new PollingConsumer(config, List.of(topic))) {
        MemberDescription member =
            Fixtures.await(
                "the static member back under a new member id",
                LIMIT,
                () ->
                    find(admin, group)
                        .filter(g -> g.groupState() == GroupState.STABLE)
                        .flatMap(g -> g.members().stream().findFirst())
                        .filter(m -> !m.consumerId().equals(firstId))
                        .filter(m -> m.assignment().topicPartitions().size() == 2));
        assertEquals(Optional.of("host-1"), member.groupInstanceId());
        assertTrue(
            System.nanoTime() - restarted < Duration.ofSeconds(6).toNanos(),
            "back before its 6 s session could have expired");
        assertEquals(null, second.failure());
      }
    }
  }

  /** The deletion is in the audit trail as the SASL user, from a Kafka API. */
  private void assertAuditedOverKafka(String kind, String group, String api) {
    Answer log = http.get(Fixtures.v3(http, "/audit-log?kind=" + kind + "&group=" + group));
    assertEquals(200, log.status(), log::toString);
    List<JsonObject> entries = log.object().getJsonArray("data").getValuesAs(JsonObject.class);
    assertEquals(1, entries.size(), log::toString);
    assertEquals(KafkaClients.ADMIN, entries.get(0).getString("actor"), log::toString);
    assertTrue(entries.get(0).getString("origin").endsWith("(Kafka " + api + ")"), log::toString);
  }
}
