package org.tributary.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.tributary.system.TributaryHttp.BINARY;
import static org.tributary.system.TributaryHttp.JSON;
import static org.tributary.system.TributaryHttp.V2;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.tributary.system.TributaryHttp.Answer;

/**
 * A REST Proxy v2 consumer instance, driven over HTTP. Closing it deletes the instance if it is
 * still there, so a test's try-with-resources cleans up after it.
 */
public final class V2Consumer implements AutoCloseable {

  private final TributaryHttp http;
  private final String group;
  private final String name;
  private final String base;
  private final String accept;

  private V2Consumer(TributaryHttp http, String group, String name, String accept) {
    this.http = http;
    this.group = group;
    this.name = name;
    this.base = path(group, name);
    this.accept = accept;
  }

  /** The path of an instance: {@code /consumers/{group}/instances/{name}}. */
  public static String path(String group, String name) {
    return "/consumers/" + group + "/instances/" + name;
  }

  /** A binary instance that starts at the earliest offset where the group has committed none. */
  public static V2Consumer earliest(TributaryHttp http, String group, String name) {
    return create(http, group, name, "\"format\":\"binary\",\"auto.offset.reset\":\"earliest\"");
  }

  /**
   * Creates an instance; {@code config} is the body's members besides {@code name}, as JSON text
   * without braces: {@code "\"format\":\"json\""}.
   */
  public static V2Consumer create(TributaryHttp http, String group, String name, String config) {
    String body = "{\"name\":\"" + name + "\"" + (config.isEmpty() ? "" : "," + config) + "}";
    Answer created = http.post("/consumers/" + group, V2, body);
    assertEquals(200, created.status(), created::toString);
    String accept = body.contains("\"format\":\"json\"") ? JSON : BINARY;
    return new V2Consumer(http, group, name, accept);
  }

  /** An existing binary instance, driven by this client (another user than its creator, say). */
  public static V2Consumer attach(TributaryHttp http, String group, String name) {
    return new V2Consumer(http, group, name, BINARY);
  }

  public String base() {
    return base;
  }

  public String group() {
    return group;
  }

  public String name() {
    return name;
  }

  public void subscribe(String... topics) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    for (String topic : topics) {
      list.add(topic);
    }
    Answer subscribed =
        http.post(
            base + "/subscription",
            V2,
            Json.createObjectBuilder().add("topics", list).build().toString());
    assertEquals(204, subscribed.status(), subscribed::toString);
  }

  public void assign(String topic, int... partitions) {
    Answer assigned = http.post(base + "/assignments", V2, partitionsBody(topic, partitions));
    assertEquals(204, assigned.status(), assigned::toString);
  }

  /** {@code {"partitions": [{"topic", "partition"}, ...]}}. */
  public static String partitionsBody(String topic, int... partitions) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    for (int partition : partitions) {
      list.add(Json.createObjectBuilder().add("topic", topic).add("partition", partition));
    }
    return Json.createObjectBuilder().add("partitions", list).build().toString();
  }

  /** One records request; the raw answer. */
  public Answer fetch(int timeoutMs) {
    return http.get(base + "/records?timeout=" + timeoutMs, accept);
  }

  /** One records request that must succeed. */
  public JsonArray poll(int timeoutMs) {
    Answer records = fetch(timeoutMs);
    assertEquals(200, records.status(), records::toString);
    return records.array();
  }

  /** Polls until at least {@code count} records came back in all; answers all of them. */
  public List<JsonObject> pollUntil(int count) {
    return pollUntil(records -> records.size() >= count, count + " records");
  }

  /** Polls, collecting records, until {@code done} holds for what came so far. */
  public List<JsonObject> pollUntil(Predicate<List<JsonObject>> done, String what) {
    List<JsonObject> records = new ArrayList<>();
    long deadline = System.nanoTime() + Fixtures.DEADLINE.toNanos();
    while (!done.test(records)) {
      if (System.nanoTime() > deadline) {
        fail("not within " + Fixtures.DEADLINE + ": " + what + "; got " + records);
      }
      records.addAll(poll(500).getValuesAs(JsonObject.class));
    }
    return records;
  }

  /** Commits, REST Proxy v2 style, that the records up to {@code offset} are processed. */
  public void commit(String topic, int partition, long offset) {
    Answer committed = tryCommit(topic, partition, offset);
    assertTrue(committed.status() == 200 || committed.status() == 204, committed::toString);
  }

  /** Sends the commit of {@link #commit} and answers what the server said, refusals included. */
  public Answer tryCommit(String topic, int partition, long offset) {
    return http.post(
        base + "/offsets",
        V2,
        Json.createObjectBuilder()
            .add(
                "offsets",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("topic", topic)
                            .add("partition", partition)
                            .add("offset", offset)))
            .build()
            .toString());
  }

  /** Commits everything returned so far (the empty body). */
  public void commitAll() {
    Answer committed = http.post(base + "/offsets", V2, "");
    assertTrue(committed.status() == 200 || committed.status() == 204, committed::toString);
  }

  /** The group's committed offsets of some partitions, by partition ({@code GET offsets}). */
  public Map<Integer, Long> committed(String topic, int... partitions) {
    Answer answer = http.getWithBody(base + "/offsets", V2, partitionsBody(topic, partitions));
    assertEquals(200, answer.status(), answer::toString);
    Map<Integer, Long> offsets = new HashMap<>();
    for (JsonObject offset :
        answer.object().getJsonArray("offsets").getValuesAs(JsonObject.class)) {
      assertEquals(topic, offset.getString("topic"), answer::toString);
      offsets.put(offset.getInt("partition"), offset.getJsonNumber("offset").longValue());
    }
    return offsets;
  }

  public void delete() {
    Answer deleted = http.delete(base);
    assertEquals(204, deleted.status(), deleted::toString);
  }

  /** Deletes the instance if it is still there; for clean-up after a test. */
  @Override
  public void close() {
    http.delete(base);
  }
}
