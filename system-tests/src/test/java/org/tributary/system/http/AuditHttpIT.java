package org.tributary.system.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.Fixtures.assertRefused;
import static org.tributary.system.Fixtures.createTopic;
import static org.tributary.system.Fixtures.createUser;
import static org.tributary.system.Fixtures.newUser;
import static org.tributary.system.Fixtures.produce;
import static org.tributary.system.TributaryHttp.APPLICATION_JSON;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;

/**
 * The audit trail ({@code GET /v3/clusters/{c}/audit-log}, a Tributary extension): every change
 * made over the API is there exactly once, with who, from where, before and after.
 */
class AuditHttpIT {

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  private String auditLog(String query) {
    return Fixtures.v3(http, "/audit-log") + (query.isEmpty() ? "" : "?" + query);
  }

  private List<JsonObject> entries(TributaryHttp caller, String query) {
    Answer answer = caller.get(auditLog(query));
    assertEquals(200, answer.status(), answer::toString);
    JsonObject list = answer.object();
    assertEquals("KafkaAuditEntryList", list.getString("kind"), answer::toString);
    return list.getJsonArray("data").getValuesAs(JsonObject.class);
  }

  /** The one entry of this kind on this topic (or group, user): there must be exactly one. */
  private JsonObject onlyEntry(String query) {
    List<JsonObject> found = entries(http, query);
    assertEquals(1, found.size(), () -> query + ": " + found);
    return found.get(0);
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void assertFromHere(JsonObject entry) throws IOException {
    assertEquals("admin", entry.getString("actor"), entry::toString);
    String origin = entry.getString("origin");
    assertTrue(InetAddress.getByName(origin).isLoopbackAddress(), entry::toString);
    assertNotNull(Instant.parse(entry.getString("time")));
  }

  private static JsonObject json(JsonObject entry, String field) {
    return entry.getJsonObject(field);
  }

  @Test
  void topicCreateConfigPartitionsAndDeleteAreEachRecordedOnceWithBeforeAndAfter()
      throws IOException {
    String topic = uniqueTopic("audit-topic");
    createTopic(http, topic, 2, Map.of("retention.ms", "3600000"));

    JsonObject created = onlyEntry("kind=topic.create&topic=" + topic);
    assertFromHere(created);
    assertEquals(topic, created.getString("topic_name"));
    assertEquals(JsonValue.NULL, created.get("before"), created::toString);
    assertEquals(2, json(created, "after").getInt("partitions"));
    assertEquals(
        "3600000",
        json(created, "after").getJsonObject("configs").getString("retention.ms"),
        created::toString);

    Answer put =
        http.put(
            Fixtures.v3(http, "/topics/" + topic + "/configs/retention.ms"),
            APPLICATION_JSON,
            "{\"value\":\"1000\"}");
    assertEquals(204, put.status(), put::toString);
    JsonObject config = onlyEntry("kind=topic.config&topic=" + topic);
    assertFromHere(config);
    assertEquals(
        Json.createObjectBuilder().add("retention.ms", "3600000").build(), json(config, "before"));
    assertEquals(
        Json.createObjectBuilder().add("retention.ms", "1000").build(), json(config, "after"));

    Answer grown =
        http.patch(
            Fixtures.v3(http, "/topics/" + topic), APPLICATION_JSON, "{\"partitions_count\":3}");
    assertEquals(200, grown.status(), grown::toString);
    JsonObject partitions = onlyEntry("kind=topic.partitions&topic=" + topic);
    assertEquals(2, json(partitions, "before").getInt("partitions"));
    assertEquals(3, json(partitions, "after").getInt("partitions"));

    assertEquals(204, http.delete(Fixtures.v3(http, "/topics/" + topic)).status());
    JsonObject deleted = onlyEntry("kind=topic.delete&topic=" + topic);
    assertEquals(3, json(deleted, "before").getInt("partitions"));
    assertEquals(JsonValue.NULL, deleted.get("after"));

    List<JsonObject> all = entries(http, "topic=" + topic);
    assertEquals(
        List.of("topic.delete", "topic.partitions", "topic.config", "topic.create"),
        all.stream().map(e -> e.getString("action")).toList(),
        "newest first, nothing else");
  }

  @Test
  void deleteRecordsIsOneEntryWithEveryPartitionsLogStartBeforeAndAfter() {
    String topic = uniqueTopic("audit-delete");
    createTopic(http, topic, 2);
    produce(http, topic, 0, "a", "b", "c");
    produce(http, topic, 1, "d", "e");

    Answer deleted =
        http.post(
            Fixtures.v3(http, "/topics/" + topic + "/records:delete"),
            APPLICATION_JSON,
            "{\"partitions\":[{\"partition_id\":0,\"offset\":2},{\"partition_id\":1,\"offset\":-1}]}");
    assertEquals(200, deleted.status(), deleted::toString);

    JsonObject entry = onlyEntry("kind=records&topic=" + topic);
    assertEquals("records.delete", entry.getString("action"));
    assertEquals(
        Json.createObjectBuilder().add("0", 0).add("1", 0).build(),
        json(entry, "before").getJsonObject("log_start_offsets"));
    assertEquals(
        Json.createObjectBuilder().add("0", 2).add("1", 2).build(),
        json(entry, "after").getJsonObject("log_start_offsets"));
  }

  @Test
  void anOffsetResetAndItsUndoAreRecordedPointingToTheReset() {
    Fixtures.GroupAtRest setup = Fixtures.groupAtRest(http, "audit-reset");
    String resets = Fixtures.v3(http, "/consumer-groups/" + setup.group());
    Answer reset =
        http.post(
            resets + "/offsets:reset",
            APPLICATION_JSON,
            "{\"strategy\":\"to-earliest\",\"topic_name\":\"" + setup.topic() + "\"}");
    assertEquals(200, reset.status(), reset::toString);
    long resetId = reset.object().getJsonNumber("reset_id").longValue();

    JsonObject entry = onlyEntry("kind=offsets.reset&group=" + setup.group());
    assertEquals(setup.topic(), entry.getString("topic_name"));
    assertEquals(setup.group(), entry.getString("consumer_group_id"));
    assertEquals(resetId, json(entry, "after").getJsonNumber("reset_id").longValue());
    assertEquals(0, json(entry, "after").getJsonObject("offsets").getInt("0"), entry::toString);
    assertEquals(
        setup.committed().get(0).longValue(),
        json(entry, "before").getJsonObject("offsets").getJsonNumber("0").longValue(),
        entry::toString);

    Answer undo = http.post(resets + "/offset-resets/" + resetId + ":undo", APPLICATION_JSON, "{}");
    assertEquals(200, undo.status(), undo::toString);
    JsonObject undone = onlyEntry("kind=offsets.reset.undo&group=" + setup.group());
    assertEquals(resetId, json(undone, "after").getJsonNumber("undoes_reset_id").longValue());
    assertEquals(2, entries(http, "kind=offsets&group=" + setup.group()).size());
    assertEquals(
        0, entries(http, "kind=offsets.reset&group=" + setup.group() + "&user=nobody").size());
  }

  @Test
  void groupAndOffsetDeletionsAreRecordedWithTheOffsetsTheyRemoved() throws IOException {
    Fixtures.GroupAtRest setup = Fixtures.groupAtRest(http, "audit-delete");
    String group = Fixtures.v3(http, "/consumer-groups/" + setup.group());
    Answer offsets =
        http.post(
            group + "/offsets:delete",
            APPLICATION_JSON,
            "{\"topic_name\":\"" + setup.topic() + "\",\"partitions\":[0]}");
    assertEquals(200, offsets.status(), offsets::toString);

    JsonObject entry = onlyEntry("kind=group.offsets.delete&group=" + setup.group());
    assertFromHere(entry);
    assertEquals(setup.topic(), entry.getString("topic_name"), entry::toString);
    JsonObject removed = json(entry, "before").getJsonObject("offsets");
    assertEquals(Set.of("0"), removed.keySet(), entry::toString);
    assertEquals(setup.committed().get(0).longValue(), removed.getJsonNumber("0").longValue());

    assertEquals(204, http.delete(group).status());
    JsonObject deleted = onlyEntry("kind=group.delete&group=" + setup.group());
    JsonObject left = json(deleted, "before").getJsonObject("offsets").getJsonObject(setup.topic());
    assertFalse(left.containsKey("0"), deleted::toString);
    assertEquals(setup.committed().get(1).longValue(), left.getJsonNumber("1").longValue());
  }

  @Test
  void userChangesAreRecordedWithoutThePassword() throws IOException {
    String name = uniqueTopic("audit-user");
    String password = "first-" + UUID.randomUUID();
    Answer created =
        http.post(Fixtures.v3(http, "/users"), APPLICATION_JSON, newUser(name, password, "viewer"));
    assertEquals(201, created.status(), created::toString);
    String user = Fixtures.v3(http, "/users/" + name);
    assertEquals(200, http.patch(user, APPLICATION_JSON, "{\"roles\":[\"producer\"]}").status());
    String second = "second-" + UUID.randomUUID();
    assertEquals(
        204,
        http.post(user + "/password", APPLICATION_JSON, "{\"password\":\"" + second + "\"}")
            .status());
    assertEquals(204, http.delete(user).status());

    List<JsonObject> trail =
        entries(http, "kind=user").stream()
            .filter(e -> name.equals(e.getString("user_name", null)))
            .toList();
    assertEquals(
        List.of("user.delete", "user.password", "user.roles", "user.create"),
        trail.stream().map(e -> e.getString("action")).toList(),
        trail::toString);
    JsonObject roles = trail.get(2);
    assertFromHere(roles);
    assertEquals(List.of("viewer"), strings(json(roles, "before").getJsonArray("roles")));
    assertEquals(List.of("producer"), strings(json(roles, "after").getJsonArray("roles")));
    for (JsonObject entry : trail) {
      assertFalse(entry.toString().contains(password), entry::toString);
      assertFalse(entry.toString().contains(second), entry::toString);
      assertFalse(entry.toString().contains("PBKDF2"), entry::toString);
    }
  }

  private static List<String> strings(jakarta.json.JsonArray array) {
    return array.getValuesAs(jakarta.json.JsonString.class).stream()
        .map(jakarta.json.JsonString::getString)
        .toList();
  }

  @Test
  void aForgedForwardedForFromAnUntrustedClientIsNotTheOrigin() throws Exception {
    String topic = uniqueTopic("audit-forged");
    HttpRequest request =
        http.request(Fixtures.v3(http, "/topics"))
            .header("Content-Type", APPLICATION_JSON)
            .header("X-Forwarded-For", "192.0.2.99")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"topic_name\":\"" + topic + "\",\"partitions_count\":1}"))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(201, response.statusCode(), response::body);

    JsonObject entry = onlyEntry("kind=topic.create&topic=" + topic);
    assertFromHere(entry);
  }

  @Test
  void filtersByTimeAndPagesWithTheNextLink() {
    String topic = uniqueTopic("audit-page");
    Instant before = Instant.now().minusSeconds(1);
    createTopic(http, topic, 1);
    for (String value : List.of("1000", "2000", "3000")) {
      assertEquals(
          204,
          http.put(
                  Fixtures.v3(http, "/topics/" + topic + "/configs/retention.ms"),
                  APPLICATION_JSON,
                  "{\"value\":\"" + value + "\"}")
              .status());
    }
    String query = "topic=" + topic + "&since=" + q(before.toString());
    assertEquals(4, entries(http, query).size());
    assertEquals(0, entries(http, "topic=" + topic + "&until=" + before.toEpochMilli()).size());

    Answer first = http.get(auditLog(query + "&page_size=3"));
    assertEquals(3, first.object().getJsonArray("data").size(), first::toString);
    String next = first.object().getJsonObject("metadata").getString("next");
    Answer second = http.get(URI.create(next).getRawPath() + "?" + URI.create(next).getRawQuery());
    assertEquals(200, second.status(), second::toString);
    List<JsonObject> rest = second.object().getJsonArray("data").getValuesAs(JsonObject.class);
    assertEquals(1, rest.size(), second::toString);
    assertEquals("topic.create", rest.get(0).getString("action"));
    assertTrue(second.object().getJsonObject("metadata").isNull("next"), second::toString);
  }

  @Test
  void badFiltersAreRefusedWithAStableCode() {
    assertRefused(400, 40003, http.get(auditLog("kind=topics")));
    assertRefused(400, 40003, http.get(auditLog("since=yesterday")));
    assertRefused(400, 40003, http.get(auditLog("until=2026-13-01T00:00:00Z")));
    assertRefused(400, 40003, http.get(auditLog("since=" + q("+300000000-01-01T00:00:00Z"))));
    assertRefused(400, 40003, http.get(auditLog("until=253402300800000")));
    assertRefused(
        400, 40003, http.get(auditLog("since=2026-12-02T00:00:00Z&until=2026-12-01T00:00:00Z")));
    assertRefused(400, 40003, http.get(auditLog("page_token=abc")));
    assertRefused(400, 40003, http.get(auditLog("page_size=0")));
    assertRefused(400, 40003, http.get(auditLog("page_size=ten")));
    assertTrue(
        http.get(auditLog("kind=topics")).object().getString("message").contains("topic.create"));
  }

  @Test
  void onlyAnAdminReadsTheTrail() {
    TributaryHttp viewer = createUser(http, "audit-viewer", "viewer");
    assertRefused(403, 40301, viewer.get(auditLog("")));
    TributaryHttp producer = createUser(http, "audit-producer", "producer");
    assertRefused(403, 40301, producer.get(auditLog("")));
    assertEquals(401, http.anonymous().get(auditLog("")).status());
  }
}
