package org.tributary.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.tributary.system.TributaryHttp.APPLICATION_JSON;
import static org.tributary.system.TributaryHttp.BINARY;
import static org.tributary.system.TributaryHttp.base64;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.tributary.system.TributaryHttp.Answer;

/**
 * Steps the HTTP tests share: producing, v3 addresses, reading v3 lists, waiting with a deadline,
 * and the checks every refusal must pass.
 */
public final class Fixtures {

  /** How long a test waits for something the server does in the background (joins, expiry). */
  static final Duration DEADLINE = Duration.ofSeconds(20);

  private static final Map<String, String> CLUSTER_IDS = new ConcurrentHashMap<>();

  private Fixtures() {}

  /** This server's {@code cluster_id}, as {@code GET /v3/clusters} tells it. */
  public static String clusterId(TributaryHttp http) {
    return CLUSTER_IDS.computeIfAbsent(
        http.baseUrl(),
        url -> {
          Answer clusters = http.get("/v3/clusters");
          assertEquals(200, clusters.status(), clusters::toString);
          return clusters.object().getJsonArray("data").getJsonObject(0).getString("cluster_id");
        });
  }

  /** The path of a resource of this cluster: {@code v3(http, "/topics")}. */
  public static String v3(TributaryHttp http, String path) {
    return "/v3/clusters/" + clusterId(http) + path;
  }

  /** Creates a topic through v3 and checks that it was created. */
  public static void createTopic(TributaryHttp http, String topic, int partitions) {
    createTopic(http, topic, partitions, Map.of());
  }

  /** Creates a topic with configs through v3 and checks that it was created. */
  public static void createTopic(
      TributaryHttp http, String topic, int partitions, Map<String, String> configs) {
    JsonArrayBuilder configList = Json.createArrayBuilder();
    configs.forEach(
        (name, value) ->
            configList.add(Json.createObjectBuilder().add("name", name).add("value", value)));
    Answer created =
        http.post(
            v3(http, "/topics"),
            APPLICATION_JSON,
            Json.createObjectBuilder()
                .add("topic_name", topic)
                .add("partitions_count", partitions)
                .add("configs", configList)
                .build()
                .toString());
    assertEquals(201, created.status(), created::toString);
  }

  /**
   * Creates a user with these roles through the users API and answers a client signed in as them.
   * The name is unique ({@code prefix} and a random part) and so is the password.
   */
  public static TributaryHttp createUser(TributaryHttp admin, String prefix, String... roles) {
    String name = TributaryHttp.uniqueTopic(prefix);
    String password = "pw-" + UUID.randomUUID();
    Answer created =
        admin.post(v3(admin, "/users"), APPLICATION_JSON, newUser(name, password, roles));
    assertEquals(201, created.status(), created::toString);
    return admin.as(name, password);
  }

  /** The body of {@code POST .../users}. */
  public static String newUser(String name, String password, String... roles) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    for (String role : roles) {
      list.add(role);
    }
    return Json.createObjectBuilder()
        .add("user_name", name)
        .add("password", password)
        .add("roles", list)
        .build()
        .toString();
  }

  /**
   * Appends records with the given text values to one partition through v2 (binary), creating the
   * topic with the test servers' 3 partitions if needed; answers their offsets.
   */
  public static List<Long> produce(
      TributaryHttp http, String topic, int partition, String... values) {
    JsonArrayBuilder records = Json.createArrayBuilder();
    for (String value : values) {
      records.add(Json.createObjectBuilder().add("value", base64(value)));
    }
    Answer produced =
        http.post(
            "/topics/" + topic + "/partitions/" + partition,
            BINARY,
            Json.createObjectBuilder().add("records", records).build().toString());
    assertEquals(200, produced.status(), produced::toString);
    List<Long> offsets = new ArrayList<>();
    for (JsonObject offset :
        produced.object().getJsonArray("offsets").getValuesAs(JsonObject.class)) {
      assertTrue(offset.isNull("error_code"), produced::toString);
      offsets.add(offset.getJsonNumber("offset").longValue());
    }
    return offsets;
  }

  /** Produces one record through v3 to a partition with a given timestamp; answers its offset. */
  public static long produceV3(
      TributaryHttp http, String topic, int partition, String value, Instant timestamp) {
    Answer produced =
        http.post(
            v3(http, "/topics/" + topic + "/records"),
            APPLICATION_JSON,
            Json.createObjectBuilder()
                .add("partition_id", partition)
                .add("value", Json.createObjectBuilder().add("type", "STRING").add("data", value))
                .add("timestamp", timestamp.toString())
                .build()
                .toString());
    assertEquals(200, produced.status(), produced::toString);
    JsonObject report = produced.object();
    assertEquals(200, report.getInt("error_code"), produced::toString);
    return report.getJsonNumber("offset").longValue();
  }

  /** The v2 end offset (high watermark) of a partition. */
  public static long endOffset(TributaryHttp http, String topic, int partition) {
    Answer offsets = http.get("/topics/" + topic + "/partitions/" + partition + "/offsets");
    assertEquals(200, offsets.status(), offsets::toString);
    return offsets.object().getJsonNumber("end_offset").longValue();
  }

  public static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  /** The text of a binary record's value. */
  public static String value(JsonObject record) {
    return decode(record.getString("value"));
  }

  /**
   * A timestamp as the server writes it: epoch milliseconds (a JSON number) or ISO-8601 (a JSON
   * string). The spec does not say which for v2 records, so both are read.
   */
  public static Instant instant(JsonValue timestamp) {
    assertNotNull(timestamp, "timestamp present");
    if (timestamp instanceof JsonNumber number) {
      return Instant.ofEpochMilli(number.longValue());
    }
    if (timestamp instanceof JsonString text) {
      return Instant.parse(text.getString());
    }
    return fail("timestamp is neither a number nor a string: " + timestamp);
  }

  /** Runs {@code probe} until it answers something or {@link #DEADLINE} passes. */
  public static <T> T await(String what, Supplier<Optional<T>> probe) {
    return await(what, DEADLINE, probe);
  }

  /** Runs {@code probe} until it answers something or {@code limit} passes. */
  public static <T> T await(String what, Duration limit, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      Optional<T> result = probe.get();
      if (result.isPresent()) {
        return result.get();
      }
      if (System.nanoTime() > deadline) {
        return fail("not within " + limit + ": " + what);
      }
      pause(100);
    }
  }

  public static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The partitions of {@code topic} each member of a group holds, by v3 {@code consumer_id}: the
   * group's consumers list, then each consumer's assignments. Empty while the group is unknown.
   */
  public static Map<String, Set<Integer>> v3Assignments(
      TributaryHttp http, String group, String topic) {
    Answer consumers = http.get(v3(http, "/consumer-groups/" + group + "/consumers"));
    if (consumers.status() == 404) {
      return Map.of();
    }
    assertEquals(200, consumers.status(), consumers::toString);
    assertEquals("KafkaConsumerList", consumers.object().getString("kind"), consumers::toString);
    Map<String, Set<Integer>> assignments = new HashMap<>();
    for (JsonObject consumer :
        consumers.object().getJsonArray("data").getValuesAs(JsonObject.class)) {
      String id = consumer.getString("consumer_id");
      Answer assigned =
          http.get(v3(http, "/consumer-groups/" + group + "/consumers/" + id + "/assignments"));
      if (assigned.status() == 404 && assigned.errorCode() == 40403) {
        continue; // it left the group between the two requests
      }
      assertEquals(200, assigned.status(), assigned::toString);
      assertEquals(
          "KafkaConsumerAssignmentList", assigned.object().getString("kind"), assigned::toString);
      Set<Integer> partitions = new HashSet<>();
      for (JsonObject assignment :
          assigned.object().getJsonArray("data").getValuesAs(JsonObject.class)) {
        if (assignment.getString("topic_name").equals(topic)) {
          partitions.add(assignment.getInt("partition_id"));
        }
      }
      assignments.put(id, partitions);
    }
    return assignments;
  }

  /** The v3 lag entries of a group for one topic, by partition. */
  public static Map<Integer, JsonObject> lags(TributaryHttp http, String group, String topic) {
    Answer lags = http.get(v3(http, "/consumer-groups/" + group + "/lags"));
    assertEquals(200, lags.status(), lags::toString);
    assertEquals("KafkaConsumerLagList", lags.object().getString("kind"), lags::toString);
    Map<Integer, JsonObject> byPartition = new HashMap<>();
    for (JsonObject lag : lags.object().getJsonArray("data").getValuesAs(JsonObject.class)) {
      if (lag.getString("topic_name").equals(topic)) {
        assertEquals(null, byPartition.put(lag.getInt("partition_id"), lag), lags::toString);
      }
    }
    return byPartition;
  }

  /** The names in a v3 list under {@code field}: topic names, group ids. */
  public static Set<String> names(JsonObject list, String field) {
    Set<String> names = new HashSet<>();
    for (JsonObject item : list.getJsonArray("data").getValuesAs(JsonObject.class)) {
      names.add(item.getString(field));
    }
    return names;
  }

  /** A refusal as the spec wants every one: the status, the code, a message, no stack trace. */
  public static void assertRefused(int status, int errorCode, Answer answer) {
    assertEquals(status, answer.status(), answer::toString);
    assertEquals(errorCode, answer.errorCode(), answer::toString);
    assertErrorBody(answer);
  }

  /** A 4xx with a numeric {@code error_code}, a message and no stack trace. */
  public static void assertClientError(Answer answer) {
    assertTrue(answer.status() >= 400 && answer.status() < 500, answer::toString);
    assertErrorBody(answer);
  }

  static void assertErrorBody(Answer answer) {
    JsonObject body;
    try {
      body = answer.object();
    } catch (RuntimeException notJsonObject) {
      fail("error body is not a JSON object: " + answer);
      return;
    }
    assertEquals(
        JsonValue.ValueType.NUMBER, body.get("error_code").getValueType(), answer::toString);
    assertTrue(body.containsKey("message"), answer::toString);
    assertFalse(body.getString("message").isBlank(), answer::toString);
    assertFalse(answer.body().contains("Exception"), answer::toString);
    assertFalse(answer.body().contains("\tat "), answer::toString);
  }

  /**
   * A client-error {@code error_code} as a v3 delivery report carries it: the spec says "4xx",
   * which may be the HTTP status (400..499) or one of the table's codes (40000..49999).
   */
  public static boolean isClientErrorCode(int errorCode) {
    return errorCode >= 400 && errorCode < 500 || errorCode >= 40000 && errorCode < 50000;
  }

  /**
   * A v3 produce of one object that must be refused. REST Proxy v3 answers 200 and puts the error
   * in the delivery report; Tributary's spec says every refusal is a 4xx. Either is accepted, but
   * never a 5xx and never a successful report.
   */
  public static void assertProduceRefused(Answer answer) {
    if (answer.status() == 200) {
      String[] lines = answer.body().strip().split("\n");
      assertEquals(1, lines.length, answer::toString);
      JsonObject report = Json.createReader(new java.io.StringReader(lines[0])).readObject();
      assertTrue(isClientErrorCode(report.getInt("error_code")), answer::toString);
      assertFalse(report.getString("message").isBlank(), answer::toString);
    } else {
      assertClientError(answer);
    }
  }

  /**
   * A group at rest: a topic with 4, 3 and 3 records in its three partitions, and a group that
   * committed 2, 1 and 2 (lag 2, 2, 1) through a v2 instance, then left.
   */
  public record GroupAtRest(String topic, String group, Map<Integer, Long> committed) {}

  public static GroupAtRest groupAtRest(TributaryHttp http, String prefix) {
    String topic = TributaryHttp.uniqueTopic(prefix);
    String group = TributaryHttp.uniqueTopic(prefix + "-group");
    createTopic(http, topic, 3);
    produce(http, topic, 0, "r0", "r1", "r2", "r3");
    produce(http, topic, 1, "r4", "r5", "r6");
    produce(http, topic, 2, "r7", "r8", "r9");
    Map<Integer, Long> committed;
    try (V2Consumer consumer = V2Consumer.earliest(http, group, "setup")) {
      consumer.subscribe(topic);
      consumer.pollUntil(10);
      consumer.commit(topic, 0, 1);
      consumer.commit(topic, 1, 0);
      consumer.commit(topic, 2, 1);
      committed = consumer.committed(topic, 0, 1, 2);
      consumer.delete();
    }
    assertEquals(Map.of(0, 2L, 1, 1L, 2, 2L), committed);
    return new GroupAtRest(topic, group, committed);
  }
}
