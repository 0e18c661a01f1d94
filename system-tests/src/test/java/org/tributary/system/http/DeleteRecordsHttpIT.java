package org.tributary.system.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.Fixtures.assertRefused;
import static org.tributary.system.Fixtures.await;
import static org.tributary.system.Fixtures.createTopic;
import static org.tributary.system.Fixtures.produce;
import static org.tributary.system.TributaryHttp.APPLICATION_JSON;
import static org.tributary.system.TributaryHttp.V2;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures;
import org.tributary.system.Prometheus;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;
import org.tributary.system.V2Consumer;

/**
 * DeleteRecords ({@code POST .../topics/{t}/records:delete}, a Tributary extension) and the {@code
 * log} of a topic's description, against the running server.
 */
class DeleteRecordsHttpIT {

  /** Prometheus name of the counter of records removed, by reason. */
  private static final String REMOVED_RECORDS = "tributary_log_removed_records_total";

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  /**
   * A topic with two partitions; partition 0 holds offsets 0 to 9 in four batches (one per produce
   * request): 0-2, 3-5, 6-8 and 9. Partition 1 holds two records.
   */
  private String topicInBatches() {
    String topic = uniqueTopic("delete-records");
    createTopic(http, topic, 2);
    produce(http, topic, 0, "r0", "r1", "r2");
    produce(http, topic, 0, "r3", "r4", "r5");
    produce(http, topic, 0, "r6", "r7", "r8");
    produce(http, topic, 0, "r9");
    produce(http, topic, 1, "p1-a", "p1-b");
    return topic;
  }

  private Answer deleteRecords(String topic, String body) {
    return http.post(
        Fixtures.v3(http, "/topics/" + topic + "/records:delete"), APPLICATION_JSON, body);
  }

  /** {@code {"partitions": [{"partition_id", "offset"}, ...]}} in the order given. */
  private static String before(Map<Integer, Long> offsets) {
    JsonArrayBuilder partitions = Json.createArrayBuilder();
    offsets.forEach(
        (partition, offset) ->
            partitions.add(
                Json.createObjectBuilder().add("partition_id", partition).add("offset", offset)));
    return Json.createObjectBuilder().add("partitions", partitions).build().toString();
  }

  /** Deletes and answers the new low watermarks, by partition. */
  private Map<Integer, Long> deleted(String topic, Map<Integer, Long> offsets) {
    Answer answer = deleteRecords(topic, before(offsets));
    assertEquals(200, answer.status(), answer::toString);
    JsonObject list = answer.object();
    assertEquals("KafkaDeletedRecordsList", list.getString("kind"), answer::toString);
    Map<Integer, Long> lowWatermarks = new LinkedHashMap<>();
    for (JsonObject item : list.getJsonArray("data").getValuesAs(JsonObject.class)) {
      assertEquals("KafkaDeletedRecords", item.getString("kind"), answer::toString);
      assertEquals(topic, item.getString("topic_name"), answer::toString);
      assertEquals(Fixtures.clusterId(http), item.getString("cluster_id"), answer::toString);
      int partition = item.getInt("partition_id");
      assertTrue(
          item.getJsonObject("partition")
              .getString("related")
              .endsWith("/topics/" + topic + "/partitions/" + partition),
          answer::toString);
      lowWatermarks.put(partition, item.getJsonNumber("low_watermark").longValue());
    }
    return lowWatermarks;
  }

  private JsonObject partition(String topic, int partition) {
    Answer answer = http.get(Fixtures.v3(http, "/topics/" + topic + "/partitions/" + partition));
    assertEquals(200, answer.status(), answer::toString);
    return answer.object();
  }

  private long earliestOffset(String topic, int partition) {
    return partition(topic, partition).getJsonNumber("earliest_offset").longValue();
  }

  /** The {@code log} extension of the topic's v3 description. */
  private JsonObject log(String topic) {
    Answer answer = http.get(Fixtures.v3(http, "/topics/" + topic));
    assertEquals(200, answer.status(), answer::toString);
    return answer.object().getJsonObject("log");
  }

  private static long longOf(JsonObject object, String field) {
    return object.getJsonNumber(field).longValue();
  }

  private static List<Long> offsets(List<JsonObject> records) {
    return records.stream().map(record -> longOf(record, "offset")).toList();
  }

  @Test
  void recordsBeforeTheOffsetBecomeUnreadableAndWholeBatchesBelowItGo() {
    String topic = topicInBatches();
    long sizeBefore = longOf(log(topic), "size_bytes");

    assertEquals(Map.of(0, 6L), deleted(topic, Map.of(0, 6L)));

    JsonObject partition = partition(topic, 0);
    assertEquals(6, longOf(partition, "earliest_offset"), partition::toString);
    assertEquals(10, longOf(partition, "latest_offset"), partition::toString);
    assertEquals(0, earliestOffset(topic, 1), "a partition not listed is untouched");
    Answer v2 = http.get("/topics/" + topic + "/partitions/0/offsets");
    assertEquals(6, longOf(v2.object(), "beginning_offset"), v2::toString);

    JsonObject log = log(topic);
    JsonObject run = log.getJsonObject("last_delete_records");
    assertTrue(run.getString("by").startsWith(TributaryHttp.ADMIN + "@"), run::toString);
    assertEquals(2, longOf(run, "batches_removed"), "batches 0-2 and 3-5: " + run);
    assertEquals(0, longOf(run, "batches_rewritten"), run::toString);
    assertEquals(6, longOf(run, "records_removed"), run::toString);
    assertTrue(longOf(run, "bytes_removed") > 0, run::toString);
    assertTrue(longOf(run, "took_ms") >= 0, run::toString);
    Instant.parse(run.getString("finished_at"));
    assertEquals(
        sizeBefore - longOf(run, "bytes_removed"), longOf(log, "size_bytes"), log::toString);
    JsonObject logOfPartition = log.getJsonArray("partitions").getJsonObject(0);
    assertEquals(0, logOfPartition.getInt("partition_id"), log::toString);
    assertEquals(6, longOf(logOfPartition, "log_start_offset"), log::toString);
    assertEquals(10, longOf(logOfPartition, "high_watermark"), log::toString);
    assertEquals(
        longOf(partition, "size_bytes"), longOf(logOfPartition, "size_bytes"), log::toString);
  }

  @Test
  void aTopicNeverCleanedShowsItsLogWithoutRuns() {
    String topic = uniqueTopic("delete-records-fresh");
    createTopic(http, topic, 2);
    produce(http, topic, 1, "one");

    JsonObject log = log(topic);
    assertTrue(log.isNull("last_delete_records"), log::toString);
    assertTrue(log.isNull("last_compaction"), log::toString);
    assertTrue(log.containsKey("last_retention"), log::toString);
    assertEquals(2, log.getJsonArray("partitions").size(), log::toString);
    assertTrue(longOf(log, "size_bytes") > 0, log::toString);

    Answer list = http.get(Fixtures.v3(http, "/topics"));
    assertEquals(200, list.status(), list::toString);
    JsonObject listed =
        list.object().getJsonArray("data").getValuesAs(JsonObject.class).stream()
            .filter(item -> item.getString("topic_name").equals(topic))
            .findFirst()
            .orElseThrow();
    assertEquals(
        log.getJsonArray("partitions"),
        listed.getJsonObject("log").getJsonArray("partitions"),
        "the list describes the log too");
  }

  @Test
  void aConsumerPositionedBelowTheNewLogStartResumesThere() {
    String topic = topicInBatches();
    try (V2Consumer consumer =
        V2Consumer.earliest(http, uniqueTopic("delete-records-group"), "c")) {
      consumer.assign(topic, 0);
      Answer seek =
          http.post(
              consumer.base() + "/positions",
              V2,
              "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":1}]}");
      assertEquals(204, seek.status(), seek::toString);

      deleted(topic, Map.of(0, 7L));

      assertEquals(List.of(7L, 8L, 9L), offsets(consumer.pollUntil(3)));
    }
  }

  @Test
  void aGroupThatCommittedBelowTheNewLogStartResumesThere() {
    String topic = topicInBatches();
    String group = uniqueTopic("delete-records-group");
    try (V2Consumer first = V2Consumer.earliest(http, group, "first")) {
      first.subscribe(topic);
      first.pollUntil(12);
      first.commit(topic, 0, 1);
      first.delete();
    }

    deleted(topic, Map.of(0, 4L));

    try (V2Consumer next = V2Consumer.earliest(http, group, "next")) {
      next.assign(topic, 0);
      List<JsonObject> records = next.pollUntil(6);
      assertEquals(List.of(4L, 5L, 6L, 7L, 8L, 9L), offsets(records));
      assertEquals("r4", Fixtures.value(records.get(0)));
    }
  }

  @Test
  void minusOneDeletesUpToTheHighWatermarkAndNewRecordsAreReadable() {
    String topic = topicInBatches();

    assertEquals(Map.of(0, 10L, 1, 2L), deleted(topic, Map.of(0, -1L, 1, -1L)));

    assertEquals(10, earliestOffset(topic, 0));
    assertEquals(2, earliestOffset(topic, 1));
    try (V2Consumer consumer =
        V2Consumer.earliest(http, uniqueTopic("delete-records-group"), "c")) {
      consumer.assign(topic, 0);
      assertEquals(0, consumer.poll(200).size(), "nothing left to read");
      assertEquals(List.of(10L), produce(http, topic, 0, "r10"));
      List<JsonObject> records = consumer.pollUntil(1);
      assertEquals(List.of(10L), offsets(records));
      assertEquals("r10", Fixtures.value(records.get(0)));
    }
  }

  @Test
  void anOffsetPastTheHighWatermarkIsRefusedAndNoPartitionChanges() {
    String topic = topicInBatches();

    Answer refused = deleteRecords(topic, before(orderedOffsets(0, 3L, 1, 3L)));

    assertRefused(422, 42218, refused);
    assertTrue(
        refused.object().getString("message").contains("high watermark 2"), refused::toString);
    assertEquals(0, earliestOffset(topic, 0), "partition 0, listed first, did not move");
    assertEquals(0, earliestOffset(topic, 1));
    assertRefused(422, 42218, deleteRecords(topic, before(Map.of(0, -2L))));
    assertTrue(log(topic).isNull("last_delete_records"), "no run recorded");
  }

  @Test
  void anUnknownPartitionOrTopicIsRefused() {
    String topic = topicInBatches();

    assertRefused(404, 40402, deleteRecords(topic, before(orderedOffsets(0, 3L, 2, 0L))));
    assertRefused(404, 40402, deleteRecords(topic, before(Map.of(-1, 0L))));
    assertEquals(0, earliestOffset(topic, 0), "nothing changed");
    assertRefused(404, 40401, deleteRecords(uniqueTopic("missing"), before(Map.of(0, 0L))));
  }

  @Test
  void aBodyWithoutPartitionsOrWithOneTwiceIsRefusedNamingTheField() {
    String topic = topicInBatches();

    Answer missing = deleteRecords(topic, "{}");
    assertRefused(422, 42200, missing);
    assertTrue(missing.object().getString("message").contains("'partitions'"), missing::toString);
    Answer empty = deleteRecords(topic, "{\"partitions\":[]}");
    assertRefused(422, 42200, empty);
    assertTrue(empty.object().getString("message").contains("'partitions'"), empty::toString);
    Answer twice =
        deleteRecords(
            topic,
            "{\"partitions\":[{\"partition_id\":0,\"offset\":2},"
                + "{\"partition_id\":0,\"offset\":5}]}");
    assertRefused(422, 42200, twice);
    assertTrue(
        twice.object().getString("message").contains("'partitions[1].partition_id'"),
        twice::toString);
    assertRefused(400, 400, deleteRecords(topic, "{\"partitions\":"));
    assertEquals(0, earliestOffset(topic, 0), "nothing changed");
  }

  @Test
  void removedRecordsAreCountedInTheMetricsByReason() {
    String topic = topicInBatches();
    double before = removedByDeleteRecords();

    deleted(topic, Map.of(0, 9L));

    await(
        REMOVED_RECORDS + " of reason delete_records grows by 9",
        () -> removedByDeleteRecords() >= before + 9 ? Optional.of(true) : Optional.empty());
  }

  @Test
  void theOpenApiDescribesIt() {
    Answer openApi = http.get("/openapi", "application/json");
    assertEquals(200, openApi.status(), openApi::toString);
    JsonObject paths = openApi.object().getJsonObject("paths");
    String path = "/v3/clusters/{cluster_id}/topics/{topic_name}/records:delete";
    assertTrue(paths.containsKey(path), paths.keySet()::toString);
    assertTrue(paths.getJsonObject(path).containsKey("post"), paths.getJsonObject(path)::toString);
  }

  private double removedByDeleteRecords() {
    Answer metrics = http.get("/metrics", "text/plain");
    assertEquals(200, metrics.status(), metrics::toString);
    return Prometheus.samples(metrics.body(), REMOVED_RECORDS, "delete_records").stream()
        .mapToDouble(Double::doubleValue)
        .sum();
  }

  /** Two partitions' offsets in this order: the first listed must be checked before it moves. */
  private static Map<Integer, Long> orderedOffsets(
      int first, long firstOffset, int second, long secondOffset) {
    Map<Integer, Long> offsets = new LinkedHashMap<>();
    offsets.put(first, firstOffset);
    offsets.put(second, secondOffset);
    return offsets;
  }
}
