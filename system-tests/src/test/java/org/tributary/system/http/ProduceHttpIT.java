package org.tributary.system.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.TributaryHttp.BINARY;
import static org.tributary.system.TributaryHttp.JSON;
import static org.tributary.system.TributaryHttp.base64;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;

/**
 * REST Proxy v2 produce, against the running server. The test servers give new topics 3 partitions.
 */
class ProduceHttpIT {

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  private long endOffset(String topic, int partition) {
    Answer offsets = http.get("/topics/" + topic + "/partitions/" + partition + "/offsets");
    assertEquals(200, offsets.status(), offsets::toString);
    return offsets.object().getJsonNumber("end_offset").longValue();
  }

  @Test
  void produceToUnknownTopicCreatesItAndReturnsOffsets() {
    String topic = uniqueTopic("produce");
    Answer produced =
        http.post(
            "/topics/" + topic + "/partitions/1",
            BINARY,
            "{\"records\":[{\"value\":\""
                + base64("a")
                + "\"},{\"value\":\""
                + base64("b")
                + "\"}]}");

    assertEquals(200, produced.status(), produced::toString);
    JsonObject body = produced.object();
    assertTrue(body.isNull("key_schema_id"));
    assertTrue(body.isNull("value_schema_id"));
    JsonObject first = body.getJsonArray("offsets").getJsonObject(0);
    assertEquals(1, first.getInt("partition"));
    assertEquals(0, first.getJsonNumber("offset").longValue());
    assertTrue(first.isNull("error_code"));
    assertEquals(
        1, body.getJsonArray("offsets").getJsonObject(1).getJsonNumber("offset").longValue());
    assertEquals(2, endOffset(topic, 1));
    assertEquals(0, endOffset(topic, 0));
  }

  @Test
  void keyedRecordsLandInThePartitionKafkaWouldChoose() {
    String topic = uniqueTopic("keys");
    for (String key : new String[] {"alpha", "beta", "gamma", "delta", "epsilon", "zeta"}) {
      Answer produced =
          http.post(
              "/topics/" + topic,
              JSON,
              "{\"records\":[{\"key\":\"" + key + "\",\"value\":{\"n\":1}}]}");
      assertEquals(200, produced.status(), produced::toString);
      // The JSON format stores the key's JSON text, quotes included.
      byte[] keyBytes = ("\"" + key + "\"").getBytes(StandardCharsets.UTF_8);
      int expected = Utils.toPositive(Utils.murmur2(keyBytes)) % 3;
      assertEquals(
          expected,
          produced.object().getJsonArray("offsets").getJsonObject(0).getInt("partition"),
          key);
    }
  }

  @Test
  void explicitPartitionInTheRecordWins() {
    String topic = uniqueTopic("explicit");
    Answer produced =
        http.post(
            "/topics/" + topic,
            JSON,
            "{\"records\":[{\"key\":\"k\",\"value\":1,\"partition\":2}]}");
    assertEquals(200, produced.status(), produced::toString);
    assertEquals(2, produced.object().getJsonArray("offsets").getJsonObject(0).getInt("partition"));
  }

  @Test
  void describeShowsPartitionsAndKafkaConfigDefaults() {
    String topic = uniqueTopic("describe");
    http.post("/topics/" + topic, JSON, "{\"records\":[{\"value\":1}]}");

    Answer described = http.get("/topics/" + topic);
    assertEquals(200, described.status(), described::toString);
    JsonObject body = described.object();
    assertEquals(topic, body.getString("name"));
    assertEquals("604800000", body.getJsonObject("configs").getString("retention.ms"));
    assertEquals(3, body.getJsonArray("partitions").size());
    JsonObject replica =
        body.getJsonArray("partitions").getJsonObject(0).getJsonArray("replicas").getJsonObject(0);
    assertTrue(replica.getBoolean("leader"));
    assertTrue(replica.getBoolean("in_sync"));

    assertEquals(3, http.get("/topics/" + topic + "/partitions").array().size());
    assertEquals(2, http.get("/topics/" + topic + "/partitions/2").object().getInt("partition"));
    assertTrue(
        http.get("/topics").array().getValuesAs(JsonString.class).stream()
            .anyMatch(name -> name.getString().equals(topic)));
  }

  @Test
  void unknownTopicAndPartitionAre404WithRestProxyCodes() {
    Answer topic = http.get("/topics/" + uniqueTopic("missing"));
    assertEquals(404, topic.status());
    assertEquals(40401, topic.errorCode());

    String existing = uniqueTopic("partitions");
    http.post("/topics/" + existing, JSON, "{\"records\":[{\"value\":1}]}");
    Answer partition = http.get("/topics/" + existing + "/partitions/7/offsets");
    assertEquals(404, partition.status());
    assertEquals(40402, partition.errorCode());
    Answer produce =
        http.post("/topics/" + existing + "/partitions/-1", JSON, "{\"records\":[{\"value\":1}]}");
    assertEquals(404, produce.status());
    assertEquals(40402, produce.errorCode());
  }

  @Test
  void badBodiesAreRefusedWithStableCodesAndAppendNothing() {
    String topic = uniqueTopic("bad");
    String partition0 = "/topics/" + topic + "/partitions/0";
    http.post(partition0, JSON, "{\"records\":[{\"value\":1}]}");
    long before = endOffset(topic, 0);

    assertRefused(400, 400, http.post(partition0, JSON, "{\"records\":[{\"value\":"));
    assertRefused(400, 400, http.post(partition0, JSON, "{\"records\":[{\"value\":1}]} trailing"));
    assertRefused(
        400, 400, http.post(partition0, JSON, "{\"records\":[{\"value\":1e99999999999}]}"));
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertRefused(
        400, 400, http.post(partition0, JSON, "{\"records\":[{\"value\":" + deep + "}]}"));
    String huge = "9".repeat(2000);
    assertRefused(
        400,
        400,
        http.post(partition0, JSON, "{\"records\":[{\"value\":1,\"partition\":" + huge + "}]}"));
    assertRefused(422, 42200, http.post(partition0, JSON, "{\"recs\":[]}"));
    assertRefused(422, 42200, http.post(partition0, JSON, "[1,2]"));
    assertRefused(422, 42200, http.post(partition0, BINARY, "{\"records\":[{\"value\":\"***\"}]}"));
    assertRefused(422, 42200, http.post(partition0, BINARY, "{\"records\":[{\"value\":5}]}"));
    String okThenNotAnObject = "{\"records\":[{\"value\":\"" + base64("ok") + "\"},7]}";
    assertRefused(422, 42200, http.post(partition0, BINARY, okThenNotAnObject));
    assertRefused(
        422,
        42200,
        http.post("/topics/" + topic, JSON, "{\"records\":[{\"value\":1,\"partition\":\"x\"}]}"));
    assertRefused(415, 415, http.post(partition0, "text/plain", "hello"));
    assertRefused(415, 415, http.post(partition0, "foo", "{}"));
    assertRefused(415, 415, http.post(partition0, JSON + "; charset=bogus", "{}"));
    assertRefused(
        422, 42210, http.post("/topics/bad%20name", JSON, "{\"records\":[{\"value\":1}]}"));

    assertEquals(before, endOffset(topic, 0), "no refused request appended anything");
  }

  @Test
  void recordLargerThanMaxMessageBytesIsRefusedAndNothingOfTheRequestIsAppended() {
    String topic = uniqueTopic("large");
    http.post("/topics/" + topic + "/partitions/0", JSON, "{\"records\":[{\"value\":1}]}");
    String big = base64("x".repeat(1_100_000));
    Answer refused =
        http.post(
            "/topics/" + topic + "/partitions/0",
            BINARY,
            "{\"records\":[{\"value\":\"" + base64("small") + "\"},{\"value\":\"" + big + "\"}]}");
    assertRefused(413, 41301, refused);
    assertTrue(refused.object().getString("message").contains("max.message.bytes"));
    assertEquals(1, endOffset(topic, 0));
  }

  @Test
  void emptyProduceToAnUnknownTopicCreatesNothing() {
    String topic = uniqueTopic("empty");
    Answer produced = http.post("/topics/" + topic, JSON, "{\"records\":[]}");
    assertEquals(200, produced.status(), produced::toString);
    assertEquals(0, produced.object().getJsonArray("offsets").size());
    assertEquals(404, http.get("/topics/" + topic).status());
  }

  @Test
  void errorBodiesNeverCarryStackTraces() {
    Answer answer = http.post("/topics/x", JSON, "{\"records\":[{\"value\":");
    assertFalse(answer.body().contains("Exception"), answer.body());
    assertFalse(answer.body().contains("\tat "), answer.body());
  }

  private static void assertRefused(int status, int errorCode, Answer answer) {
    assertEquals(status, answer.status(), answer::toString);
    assertEquals(errorCode, answer.errorCode(), answer::toString);
    assertFalse(answer.object().getString("message").isBlank());
  }
}
