package org.tributary.system.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.Fixtures.assertRefused;
import static org.tributary.system.Fixtures.createTopic;
import static org.tributary.system.Fixtures.createUser;
import static org.tributary.system.Fixtures.produce;
import static org.tributary.system.Fixtures.v3;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;

/**
 * {@code GET /v3/clusters/{c}/topics/{t}/partitions/{p}/records}: a stateless read from an offset,
 * without a consumer instance, with the long poll of the core's fetch.
 */
class PartitionRecordsHttpIT {

  private final TributaryHttp admin = TributaryHttp.fromSystemProperty();

  private String records(String topic, int partition, String query) {
    return v3(admin, "/topics/" + topic + "/partitions/" + partition + "/records" + query);
  }

  private static List<String> values(JsonObject page) {
    return page.getJsonArray("data").getValuesAs(JsonObject.class).stream()
        .map(
            record ->
                new String(
                    Base64.getDecoder().decode(record.getJsonObject("value").getString("data")),
                    StandardCharsets.UTF_8))
        .toList();
  }

  @Test
  void readsFromAnOffsetWithTheBoundsAndWhereToGoOn() {
    String topic = uniqueTopic("read");
    createTopic(admin, topic, 2);
    produce(admin, topic, 1, "a", "b", "c", "d");

    Answer all = admin.get(records(topic, 1, ""));
    assertEquals(200, all.status(), all::toString);
    JsonObject page = all.object();
    assertEquals(List.of("a", "b", "c", "d"), values(page), "no offset: from the log start");
    assertEquals(0, page.getJsonNumber("log_start_offset").longValue());
    assertEquals(4, page.getJsonNumber("high_watermark").longValue());
    assertEquals(4, page.getJsonNumber("next_offset").longValue());
    assertEquals(1, page.getInt("partition_id"));
    assertEquals("BINARY", page.getString("format"));

    JsonObject fromTwo = admin.get(records(topic, 1, "?offset=2")).object();
    assertEquals(List.of("c", "d"), values(fromTwo));
    JsonObject record = fromTwo.getJsonArray("data").getJsonObject(0);
    assertEquals(2, record.getJsonNumber("offset").longValue());
    assertTrue(record.getString("timestamp").endsWith("Z"), record::toString);

    JsonObject one = admin.get(records(topic, 1, "?offset=1&max_bytes=1")).object();
    assertEquals(List.of("b"), values(one), "at least one record, whatever max_bytes");
    assertEquals(2, one.getJsonNumber("next_offset").longValue());

    JsonObject asText = admin.get(records(topic, 1, "?offset=3&format=string")).object();
    JsonObject value = asText.getJsonArray("data").getJsonObject(0).getJsonObject("value");
    assertEquals("STRING", value.getString("type"));
    assertEquals("d", value.getString("data"));

    JsonObject atEnd = admin.get(records(topic, 1, "?offset=latest&timeout=0")).object();
    assertEquals(0, atEnd.getJsonArray("data").size());
    assertEquals(4, atEnd.getJsonNumber("next_offset").longValue());
  }

  @Test
  void aReadAtTheHighWatermarkWakesUpWhenARecordArrives() throws Exception {
    String topic = uniqueTopic("read-wait");
    createTopic(admin, topic, 1);
    produce(admin, topic, 0, "before");
    long started = System.nanoTime();
    CompletableFuture<Answer> waiting =
        CompletableFuture.supplyAsync(
            () -> admin.get(records(topic, 0, "?offset=1&timeout=20000")));
    Thread.sleep(1000);
    assertTrue(!waiting.isDone(), "waits at the high watermark");
    produce(admin, topic, 0, "after");
    Answer woken = waiting.get(15, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertEquals(200, woken.status(), woken::toString);
    assertEquals(List.of("after"), values(woken.object()));
    assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "answered on arrival, not at 20 s");

    long quiet = System.nanoTime();
    JsonObject empty = admin.get(records(topic, 0, "?offset=2&timeout=1000")).object();
    assertEquals(0, empty.getJsonArray("data").size());
    assertTrue(Duration.ofNanos(System.nanoTime() - quiet).toMillis() >= 900, "waited the timeout");
  }

  @Test
  void badInputIsRefusedWithStableCodes() {
    String topic = uniqueTopic("read-bad");
    createTopic(admin, topic, 1);
    produce(admin, topic, 0, "a", "b");
    Answer below = admin.get(records(topic, 0, "?offset=-1"));
    assertRefused(422, 42218, below);
    assertTrue(below.object().getString("message").contains("0 to 2"), below::toString);
    Answer above = admin.get(records(topic, 0, "?offset=3"));
    assertRefused(422, 42218, above);
    assertTrue(above.object().getString("message").contains("0 to 2"), above::toString);
    assertRefused(422, 42218, admin.get(records(topic, 0, "?offset=9223372036854775807")));
    assertRefused(422, 42200, admin.get(records(topic, 0, "?offset=99999999999999999999")));
    assertRefused(422, 42200, admin.get(records(topic, 0, "?offset=first")));
    assertRefused(422, 42200, admin.get(records(topic, 0, "?max_bytes=0")));
    assertRefused(422, 42200, admin.get(records(topic, 0, "?max_bytes=many")));
    assertRefused(422, 42200, admin.get(records(topic, 0, "?max_bytes=999999999999")));
    assertRefused(422, 42200, admin.get(records(topic, 0, "?timeout=-1")));
    assertRefused(422, 42200, admin.get(records(topic, 0, "?timeout=soon")));
    assertRefused(422, 42200, admin.get(records(topic, 0, "?timeout=300001")));
    assertRefused(422, 42200, admin.get(records(topic, 0, "?format=avro")));
    assertRefused(404, 40402, admin.get(records(topic, 7, "")));
    assertRefused(404, 40402, admin.get(records(topic, -1, "")));
    assertRefused(
        404, 40402, admin.get(v3(admin, "/topics/" + topic + "/partitions/zero/records")));
    assertRefused(404, 40401, admin.get(records(uniqueTopic("no-such"), 0, "")));
    assertRefused(
        404, 40404, admin.get("/v3/clusters/elsewhere/topics/" + topic + "/partitions/0/records"));
  }

  @Test
  void everyRoleThatMayReadReadsAndProducersMayNot() {
    String topic = uniqueTopic("read-roles");
    createTopic(admin, topic, 1);
    produce(admin, topic, 0, "secret");
    for (String role : List.of("viewer", "consumer")) {
      Answer read = createUser(admin, "reader", role).get(records(topic, 0, ""));
      assertEquals(200, read.status(), role + ": " + read);
      assertEquals(List.of("secret"), values(read.object()));
    }
    assertRefused(403, 40301, createUser(admin, "writer", "producer").get(records(topic, 0, "")));
    assertEquals(401, admin.anonymous().get(records(topic, 0, "")).status());
  }
}
