package org.tributary.system.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.Fixtures.assertRefused;
import static org.tributary.system.Fixtures.createTopic;
import static org.tributary.system.Fixtures.createUser;
import static org.tributary.system.Fixtures.endOffset;
import static org.tributary.system.TributaryHttp.APPLICATION_JSON;
import static org.tributary.system.TributaryHttp.base64;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;

/** {@code POST .../topics/{t}/records:batch}: kafka-rest's ProduceBatch, result per entry. */
class ProduceBatchHttpIT {

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  private String batch(String topic) {
    return Fixtures.v3(http, "/topics/" + topic + "/records:batch");
  }

  private static String entry(String id, int partition, String value) {
    return "{\"id\":\""
        + id
        + "\",\"partition_id\":"
        + partition
        + ",\"value\":{\"type\":\"STRING\",\"data\":\""
        + value
        + "\"}}";
  }

  private static String entries(String... entries) {
    return "{\"entries\":[" + String.join(",", entries) + "]}";
  }

  @Test
  void eachEntryHasItsOwnResultAndABadOneFailsOnlyItself() {
    String topic = uniqueTopic("batch");
    createTopic(http, topic, 2);

    Answer answer =
        http.post(
            batch(topic),
            APPLICATION_JSON,
            entries(
                entry("first", 0, "a"),
                "{\"id\":\"bad-base64\",\"value\":{\"type\":\"BINARY\",\"data\":\"%%%\"}}",
                entry("no-partition", 7, "b"),
                "{\"id\":\"keyed\",\"partition_id\":1,\"key\":{\"type\":\"STRING\",\"data\":\"k\"},"
                    + "\"value\":{\"type\":\"BINARY\",\"data\":\""
                    + base64("c")
                    + "\"}}",
                entry("last", 0, "d")));

    assertEquals(207, answer.status(), answer::toString);
    List<JsonObject> successes =
        answer.object().getJsonArray("successes").getValuesAs(JsonObject.class);
    List<JsonObject> failures =
        answer.object().getJsonArray("failures").getValuesAs(JsonObject.class);
    assertEquals(
        List.of("first", "keyed", "last"),
        successes.stream().map(s -> s.getString("id")).toList(),
        answer::toString);
    assertEquals(
        List.of("bad-base64", "no-partition"),
        failures.stream().map(f -> f.getString("id")).toList(),
        answer::toString);
    JsonObject first = successes.get(0);
    assertEquals(topic, first.getString("topic_name"));
    assertEquals(0, first.getInt("partition_id"));
    assertEquals(0, first.getJsonNumber("offset").longValue());
    assertEquals(1, successes.get(2).getJsonNumber("offset").longValue());
    assertEquals("STRING", first.getJsonObject("value").getString("type"));
    assertEquals(1, first.getJsonObject("value").getInt("size"));
    assertEquals(1, successes.get(1).getInt("partition_id"));
    for (JsonObject failure : failures) {
      assertTrue(Fixtures.isClientErrorCode(failure.getInt("error_code")), answer::toString);
      assertFalse(failure.getString("message").isBlank(), answer::toString);
    }
    assertEquals(40402, failures.get(1).getInt("error_code"), answer::toString);

    assertEquals(2, endOffset(http, topic, 0));
    assertEquals(1, endOffset(http, topic, 1));
  }

  @Test
  void aBatchWithDuplicateOrMissingIdsIsRefusedWholeAndAppendsNothing() {
    String topic = uniqueTopic("batch-ids");
    createTopic(http, topic, 1);

    assertRefused(
        422,
        42208,
        http.post(batch(topic), APPLICATION_JSON, entries(entry("1", 0, "a"), entry("1", 0, "b"))));
    assertRefused(
        422,
        42208,
        http.post(
            batch(topic),
            APPLICATION_JSON,
            entries(entry("1", 0, "a"), "{\"value\":{\"type\":\"STRING\",\"data\":\"x\"}}")));
    assertRefused(
        422,
        42208,
        http.post(batch(topic), APPLICATION_JSON, entries(entry("not valid!", 0, "a"))));
    assertRefused(
        422, 42208, http.post(batch(topic), APPLICATION_JSON, "{\"entries\":[{\"id\":5}]}"));
    assertEquals(0, endOffset(http, topic, 0));
  }

  @Test
  void malformedBatchesAreRefused() {
    String topic = uniqueTopic("batch-bad");
    createTopic(http, topic, 1);

    assertRefused(422, 42208, http.post(batch(topic), APPLICATION_JSON, "{\"entries\":[]}"));
    assertRefused(422, 42208, http.post(batch(topic), APPLICATION_JSON, "{\"records\":[]}"));
    assertRefused(400, 400, http.post(batch(topic), APPLICATION_JSON, "{\"entries\":[{"));
    assertRefused(422, 42200, http.post(batch(topic), APPLICATION_JSON, "{\"entries\":[1,2]}"));
    String eleven =
        IntStream.range(0, 11)
            .mapToObj(i -> entry("e" + i, 0, "v"))
            .collect(Collectors.joining(","));
    Answer tooMany = http.post(batch(topic), APPLICATION_JSON, "{\"entries\":[" + eleven + "]}");
    assertRefused(422, 42208, tooMany);
    assertTrue(tooMany.body().contains("at most 10"), tooMany::toString);
    assertEquals(0, endOffset(http, topic, 0));
  }

  @Test
  void producersAndAdminsProduceViewersAreRefused() {
    String topic = uniqueTopic("batch-roles");
    createTopic(http, topic, 1);
    TributaryHttp producer = createUser(http, "batch-producer", "producer");
    TributaryHttp viewer = createUser(http, "batch-viewer", "viewer");

    assertEquals(
        207, producer.post(batch(topic), APPLICATION_JSON, entries(entry("p", 0, "a"))).status());
    assertRefused(
        403, 40301, viewer.post(batch(topic), APPLICATION_JSON, entries(entry("v", 0, "a"))));
    assertEquals(1, endOffset(http, topic, 0));
  }

  @Test
  void underKafkaV3TooForConfluentsClients() {
    String topic = uniqueTopic("batch-kafka");
    createTopic(http, topic, 1);
    Answer answer =
        http.post("/kafka" + batch(topic), APPLICATION_JSON, entries(entry("1", 0, "a")));
    assertEquals(207, answer.status(), answer::toString);
    assertEquals(1, answer.object().getJsonArray("successes").size(), answer::toString);
  }
}
