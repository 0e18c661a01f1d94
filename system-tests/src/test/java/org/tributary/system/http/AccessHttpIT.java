package org.tributary.system.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.Fixtures.assertRefused;
import static org.tributary.system.Fixtures.createTopic;
import static org.tributary.system.Fixtures.createUser;
import static org.tributary.system.Fixtures.endOffset;
import static org.tributary.system.Fixtures.groupAtRest;
import static org.tributary.system.Fixtures.lags;
import static org.tributary.system.Fixtures.newUser;
import static org.tributary.system.Fixtures.produce;
import static org.tributary.system.Fixtures.v3;
import static org.tributary.system.TributaryHttp.APPLICATION_JSON;
import static org.tributary.system.TributaryHttp.BINARY;
import static org.tributary.system.TributaryHttp.V2;
import static org.tributary.system.TributaryHttp.uniqueTopic;
import static org.tributary.system.http.AccessHttpIT.Caller.ADMIN;
import static org.tributary.system.http.AccessHttpIT.Caller.ANONYMOUS;
import static org.tributary.system.http.AccessHttpIT.Caller.CONSUMER;
import static org.tributary.system.http.AccessHttpIT.Caller.PRODUCER;
import static org.tributary.system.http.AccessHttpIT.Caller.VIEWER;
import static org.tributary.system.http.AccessHttpIT.Caller.WRONG_PASSWORD;

import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures.GroupAtRest;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;
import org.tributary.system.V2Consumer;

/**
 * Who may do what over HTTP: for every resource family, each role's call is either allowed or
 * refused — 401 without credentials or with wrong ones, 403 for a signed-in user without the role —
 * with the usual error body, and a refused call changes nothing. Also the sign-in throttle, the
 * body limit for a signed-in caller, and what stays open.
 */
class AccessHttpIT {

  /** Who calls: a user of each role, nobody, and a user with the wrong password. */
  enum Caller {
    ANONYMOUS,
    WRONG_PASSWORD,
    ADMIN,
    PRODUCER,
    CONSUMER,
    VIEWER
  }

  private static final Set<Caller> EVERY_ROLE = EnumSet.of(ADMIN, PRODUCER, CONSUMER, VIEWER);
  private static final Set<Caller> PRODUCERS = EnumSet.of(ADMIN, PRODUCER);
  private static final Set<Caller> CONSUMERS = EnumSet.of(ADMIN, CONSUMER);
  private static final Set<Caller> ADMINS = EnumSet.of(ADMIN);

  private static final String ONE_RECORD = "{\"records\":[{\"value\":\"eA==\"}]}";
  private static final String V3_RECORD =
      "{\"partition_id\":0,\"value\":{\"type\":\"STRING\",\"data\":\"x\"}}";

  private static final TributaryHttp admin = TributaryHttp.fromSystemProperty();
  private static final Map<Caller, TributaryHttp> callers = new EnumMap<>(Caller.class);

  @BeforeAll
  static void createAUserOfEachRole() {
    callers.put(ADMIN, admin);
    callers.put(PRODUCER, createUser(admin, "access-producer", "producer"));
    callers.put(CONSUMER, createUser(admin, "access-consumer", "consumer"));
    callers.put(VIEWER, createUser(admin, "access-viewer", "viewer"));
    callers.put(ANONYMOUS, admin.anonymous());
    // The viewer's own calls, in every family, sign in and so keep its failures below the throttle.
    callers.put(WRONG_PASSWORD, admin.as(callers.get(VIEWER).user(), "not-the-password"));
  }

  private static TributaryHttp as(Caller caller) {
    return callers.get(caller);
  }

  /** Calls as every caller outside {@code allowed}: 401 or 403, each with the error body. */
  private static void refusedToAllBut(Set<Caller> allowed, Function<Caller, Answer> call) {
    for (Caller caller : Caller.values()) {
      if (allowed.contains(caller)) {
        continue;
      }
      Answer answer = call.apply(caller);
      if (caller == ANONYMOUS || caller == WRONG_PASSWORD) {
        assertRefused(401, 40101, answer);
        assertTrue(
            answer
                .response()
                .headers()
                .firstValue("WWW-Authenticate")
                .orElse("")
                .startsWith("Basic"),
            caller + ": " + answer);
      } else {
        assertRefused(403, 40301, answer);
        assertTrue(
            answer.object().getString("message").contains("may not do this"),
            caller + ": " + answer);
      }
    }
  }

  /** Calls as each allowed caller, which must get {@code status}. */
  private static void allowedTo(Set<Caller> allowed, int status, Function<Caller, Answer> call) {
    for (Caller caller : allowed) {
      Answer answer = call.apply(caller);
      assertEquals(status, answer.status(), () -> caller + ": " + answer);
    }
  }

  private static String topicWithOnePartition(String prefix) {
    String topic = uniqueTopic(prefix);
    createTopic(admin, topic, 1);
    return topic;
  }

  @Test
  void v2ProduceIsForProducersAndAdmins() {
    String topic = topicWithOnePartition("access-v2");
    List<Function<Caller, Answer>> produces =
        List.of(
            caller -> as(caller).post("/topics/" + topic, BINARY, ONE_RECORD),
            caller -> as(caller).post("/topics/" + topic + "/partitions/0", BINARY, ONE_RECORD));

    for (Function<Caller, Answer> produce : produces) {
      long before = endOffset(admin, topic, 0);
      refusedToAllBut(PRODUCERS, produce);
      assertEquals(before, endOffset(admin, topic, 0), "nothing appended");
      allowedTo(PRODUCERS, 200, produce);
      assertEquals(before + 2, endOffset(admin, topic, 0));
    }
  }

  @Test
  void v2ProduceToAMissingTopicCreatesNothingForTheWrongRole() {
    String topic = uniqueTopic("access-auto");
    refusedToAllBut(PRODUCERS, caller -> as(caller).post("/topics/" + topic, BINARY, ONE_RECORD));
    assertRefused(404, 40401, admin.get("/topics/" + topic));
  }

  @Test
  void v3ProduceIsForProducersAndAdmins() {
    String topic = topicWithOnePartition("access-v3");
    Function<Caller, Answer> produce =
        caller ->
            as(caller)
                .post(v3(admin, "/topics/" + topic + "/records"), APPLICATION_JSON, V3_RECORD);

    refusedToAllBut(PRODUCERS, produce);
    assertEquals(0, endOffset(admin, topic, 0), "nothing appended");
    allowedTo(PRODUCERS, 200, produce);
    assertEquals(2, endOffset(admin, topic, 0));
  }

  @Test
  void consumerInstancesAreForConsumersAndAdmins() {
    String topic = topicWithOnePartition("access-consume");
    produce(admin, topic, 0, "a", "b", "c");
    String group = uniqueTopic("access-group");
    Function<Caller, String> instance = caller -> V2Consumer.path(group, "i-" + caller);
    Function<Caller, Answer> create =
        caller ->
            as(caller)
                .post(
                    "/consumers/" + group,
                    V2,
                    "{\"name\":\"i-" + caller + "\",\"auto.offset.reset\":\"earliest\"}");

    refusedToAllBut(CONSUMERS, create);
    for (Caller refused : EnumSet.complementOf(EnumSet.copyOf(CONSUMERS))) {
      assertRefused(404, 40403, admin.get(instance.apply(refused) + "/assignments"));
    }
    allowedTo(CONSUMERS, 200, create);

    // The consumer reads partition 0 from its start; the other roles try to use its instance.
    V2Consumer consumer = V2Consumer.attach(as(CONSUMER), group, "i-" + CONSUMER);
    consumer.assign(topic, 0);
    String target = consumer.base();
    String partition = V2Consumer.partitionsBody(topic, 0);
    String commit = "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":2}]}";
    List<Function<Caller, Answer>> uses =
        List.of(
            caller -> as(caller).post(target + "/assignments", V2, partition),
            caller -> as(caller).get(target + "/assignments"),
            caller -> as(caller).post(target + "/positions/end", V2, partition),
            caller -> as(caller).get(target + "/records?timeout=0", BINARY),
            caller -> as(caller).post(target + "/offsets", V2, commit),
            caller -> as(caller).delete(target));
    for (Function<Caller, Answer> use : uses) {
      refusedToAllBut(CONSUMERS, use);
    }

    // Nothing committed: the group has neither members (manual assignment) nor offsets.
    assertRefused(404, 40410, admin.get(v3(admin, "/consumer-groups/" + group)));
    assertEquals(3, consumer.pollUntil(3).size(), "position not moved, nothing read by others");
    consumer.commitAll();
    assertEquals(3, lags(admin, group, topic).get(0).getInt("current_offset"));
    allowedTo(CONSUMERS, 204, caller -> as(caller).delete(instance.apply(caller)));
  }

  @Test
  void aConsumerInstanceIsNotFoundForAnotherConsumerButAnAdminUsesIt() {
    String topic = topicWithOnePartition("access-owner");
    produce(admin, topic, 0, "a", "b", "c");
    String group = uniqueTopic("access-owner-group");
    V2Consumer owner =
        V2Consumer.earliest(createUser(admin, "access-owner", "consumer"), group, "owned");
    owner.assign(topic, 0);
    TributaryHttp stranger = createUser(admin, "access-stranger", "consumer");
    String target = owner.base();
    String partition = V2Consumer.partitionsBody(topic, 0);
    String commit = "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":2}]}";
    String seek = "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":2}]}";
    String byTime =
        "{\"timestamps\":[{\"topic\":\""
            + topic
            + "\",\"partition\":0,\"timestamp\":\"2020-01-01T00:00:00Z\"}]}";
    List<Function<TributaryHttp, Answer>> uses =
        List.of(
            http -> http.get(target + "/records?timeout=0", BINARY),
            http -> http.post(target + "/offsets", V2, commit),
            http -> http.post(target + "/offsets", V2, ""),
            http -> http.getWithBody(target + "/offsets", V2, partition),
            http -> http.post(target + "/positions", V2, seek),
            http -> http.post(target + "/positions/beginning", V2, partition),
            http -> http.post(target + "/positions/end", V2, partition),
            http -> http.post(target + "/positions/timestamp", V2, byTime),
            http -> http.post(target + "/assignments", V2, partition),
            http -> http.get(target + "/assignments"),
            http -> http.post(target + "/subscription", V2, "{\"topics\":[\"" + topic + "\"]}"),
            http -> http.get(target + "/subscription"),
            http -> http.delete(target + "/subscription"),
            http -> http.delete(target));

    for (Function<TributaryHttp, Answer> use : uses) {
      assertRefused(404, 40403, use.apply(stranger));
    }
    assertRefused(
        404, 40403, stranger.get(V2Consumer.path(group, "never-created") + "/assignments"));

    // Untouched: still assigned, nothing committed, and its position still at the start.
    Answer assigned = admin.get(target + "/assignments");
    assertEquals(200, assigned.status(), "an admin uses it: " + assigned);
    assertEquals(1, assigned.object().getJsonArray("partitions").size(), assigned::toString);
    assertRefused(404, 40410, admin.get(v3(admin, "/consumer-groups/" + group)));
    assertEquals(3, owner.pollUntil(3).size(), "position not moved, nothing read by another");
    assertEquals(204, admin.delete(target).status(), "an admin deletes it");
    assertRefused(404, 40403, owner.fetch(0));
  }

  @Test
  void metadataIsReadByEveryRole() {
    GroupAtRest fixture = groupAtRest(admin, "access-metadata");
    String topic = "/topics/" + fixture.topic();
    String group = "/consumer-groups/" + fixture.group();
    List<String> paths =
        List.of(
            "/topics",
            topic,
            topic + "/partitions",
            topic + "/partitions/0",
            topic + "/partitions/0/offsets",
            "/v3/clusters",
            v3(admin, ""),
            v3(admin, "/topics"),
            v3(admin, topic),
            v3(admin, topic + "/configs"),
            v3(admin, topic + "/configs/cleanup.policy"),
            v3(admin, topic + "/partitions"),
            v3(admin, topic + "/partitions/0"),
            v3(admin, "/consumer-groups"),
            v3(admin, group),
            v3(admin, group + "/consumers"),
            v3(admin, group + "/lags"),
            v3(admin, group + "/lag-summary"),
            v3(admin, group + "/offset-resets"),
            v3(admin, "/clients"));
    for (String path : paths) {
      refusedToAllBut(EVERY_ROLE, caller -> as(caller).get(path));
      allowedTo(EVERY_ROLE, 200, caller -> as(caller).get(path));
    }
  }

  @Test
  void metricsAreReadByEveryRole() {
    refusedToAllBut(EVERY_ROLE, caller -> as(caller).get("/metrics", "text/plain"));
    allowedTo(EVERY_ROLE, 200, caller -> as(caller).get("/metrics", "text/plain"));
  }

  @Test
  void topicsAreCreatedGrownAndDeletedByAdminsOnly() {
    String prefix = uniqueTopic("access-admin");
    Function<Caller, Answer> create =
        caller ->
            as(caller)
                .post(
                    v3(admin, "/topics"),
                    APPLICATION_JSON,
                    "{\"topic_name\":\"" + prefix + "-" + caller + "\",\"partitions_count\":1}");
    refusedToAllBut(ADMINS, create);
    for (Caller refused : EnumSet.complementOf(EnumSet.copyOf(ADMINS))) {
      assertRefused(404, 40401, admin.get(v3(admin, "/topics/" + prefix + "-" + refused)));
    }
    allowedTo(ADMINS, 201, create);

    String topic = v3(admin, "/topics/" + prefix + "-" + ADMIN);
    Function<Caller, Answer> grow =
        caller -> as(caller).patch(topic, APPLICATION_JSON, "{\"partitions_count\":2}");
    refusedToAllBut(ADMINS, grow);
    assertEquals(1, admin.get(topic).object().getInt("partitions_count"), "not grown");
    allowedTo(ADMINS, 200, grow);
    assertEquals(2, admin.get(topic).object().getInt("partitions_count"));

    Function<Caller, Answer> delete = caller -> as(caller).delete(topic);
    refusedToAllBut(ADMINS, delete);
    assertEquals(200, admin.get(topic).status(), "still there");
    allowedTo(ADMINS, 204, delete);
    assertRefused(404, 40401, admin.get(topic));
  }

  @Test
  void topicConfigsAreChangedByAdminsOnly() {
    String configs = v3(admin, "/topics/" + topicWithOnePartition("access-configs") + "/configs");
    String retention = configs + "/retention.ms";
    Supplier<String> value = () -> admin.get(retention).object().getString("value");
    String byDefault = value.get();

    Function<Caller, Answer> set =
        caller -> as(caller).put(retention, APPLICATION_JSON, "{\"value\":\"3600000\"}");
    refusedToAllBut(ADMINS, set);
    assertEquals(byDefault, value.get(), "unchanged");
    allowedTo(ADMINS, 204, set);
    assertEquals("3600000", value.get());

    Function<Caller, Answer> reset = caller -> as(caller).delete(retention);
    refusedToAllBut(ADMINS, reset);
    assertEquals("3600000", value.get(), "still set");
    allowedTo(ADMINS, 204, reset);
    assertEquals(byDefault, value.get());

    Function<Caller, Answer> alter =
        caller ->
            as(caller)
                .post(
                    configs + ":alter",
                    APPLICATION_JSON,
                    "{\"data\":[{\"name\":\"retention.ms\",\"value\":\"7200000\"}]}");
    refusedToAllBut(ADMINS, alter);
    assertEquals(byDefault, value.get(), "unchanged");
    allowedTo(ADMINS, 204, alter);
    assertEquals("7200000", value.get());
  }

  @Test
  void offsetsAreResetByAdminsOnlyEvenAsADryRun() {
    GroupAtRest fixture = groupAtRest(admin, "access-reset");
    String resets = v3(admin, "/consumer-groups/" + fixture.group());
    String toEarliest = "{\"strategy\":\"to-earliest\",\"topic_name\":\"" + fixture.topic() + "\"";

    for (String body : List.of(toEarliest + ",\"dry_run\":true}", toEarliest + "}")) {
      refusedToAllBut(
          ADMINS, caller -> as(caller).post(resets + "/offsets:reset", APPLICATION_JSON, body));
    }
    assertEquals(fixture.committed(), committed(fixture), "offsets unchanged");
    assertEquals(0, admin.get(resets + "/offset-resets").object().getJsonArray("data").size());

    allowedTo(
        ADMINS,
        200,
        caller -> as(caller).post(resets + "/offsets:reset", APPLICATION_JSON, toEarliest + "}"));
    assertEquals(Map.of(0, 0L, 1, 0L, 2, 0L), committed(fixture));
  }

  @Test
  void resetsAreUndoneByAdminsOnly() {
    GroupAtRest fixture = groupAtRest(admin, "access-undo");
    String undo = undoOfAResetToLatest(fixture);
    Map<Integer, Long> afterReset = committed(fixture);

    refusedToAllBut(ADMINS, caller -> as(caller).post(undo, APPLICATION_JSON, ""));
    assertEquals(afterReset, committed(fixture), "offsets unchanged");

    allowedTo(ADMINS, 200, caller -> as(caller).post(undo, APPLICATION_JSON, ""));
    assertEquals(fixture.committed(), committed(fixture));
  }

  private static Map<Integer, Long> committed(GroupAtRest fixture) {
    Map<Integer, Long> committed = new java.util.HashMap<>();
    lags(admin, fixture.group(), fixture.topic())
        .forEach(
            (partition, lag) ->
                committed.put(partition, lag.getJsonNumber("current_offset").longValue()));
    return committed;
  }

  @Test
  void recordsAreDeletedByAdminsOnly() {
    String topic = topicWithOnePartition("access-delete");
    produce(admin, topic, 0, "a", "b", "c", "d");
    Function<Caller, Answer> delete =
        caller ->
            as(caller)
                .post(
                    v3(admin, "/topics/" + topic + "/records:delete"),
                    APPLICATION_JSON,
                    "{\"partitions\":[{\"partition_id\":0,\"offset\":3}]}");

    refusedToAllBut(ADMINS, delete);
    assertEquals(0, beginningOffset(topic), "nothing deleted");
    allowedTo(ADMINS, 200, delete);
    assertEquals(3, beginningOffset(topic));
  }

  private static long beginningOffset(String topic) {
    Answer offsets = admin.get("/topics/" + topic + "/partitions/0/offsets");
    assertEquals(200, offsets.status(), offsets::toString);
    return offsets.object().getJsonNumber("beginning_offset").longValue();
  }

  @Test
  void usersAreManagedByAdminsOnly() {
    String users = v3(admin, "/users");
    refusedToAllBut(ADMINS, caller -> as(caller).get(users));
    allowedTo(ADMINS, 200, caller -> as(caller).get(users));

    String name = uniqueTopic("access-new");
    refusedToAllBut(
        ADMINS,
        caller ->
            as(caller).post(users, APPLICATION_JSON, newUser(name, "new-user-password", "admin")));
    assertRefused(404, 40413, admin.get(users + "/" + name));

    // Nobody raises their own roles or takes over another's password.
    String producer = users + "/" + as(PRODUCER).user();
    refusedToAllBut(
        ADMINS, caller -> as(caller).patch(producer, APPLICATION_JSON, "{\"roles\":[\"admin\"]}"));
    assertEquals("producer", admin.get(producer).object().getJsonArray("roles").getString(0));
    refusedToAllBut(
        ADMINS,
        caller ->
            as(caller)
                .post(
                    producer + "/password", APPLICATION_JSON, "{\"password\":\"taken-over-pw\"}"));
    refusedToAllBut(ADMINS, caller -> as(caller).delete(producer));
    assertEquals(200, as(PRODUCER).get("/topics").status(), "the producer still signs in");
  }

  @Test
  void wrongGuessesNeverLockOutTheRightPassword() {
    String name = uniqueTopic("access-guessed");
    String password = "guessed-user-password";
    assertEquals(
        201,
        admin
            .post(v3(admin, "/users"), APPLICATION_JSON, newUser(name, password, "viewer"))
            .status());
    for (int attempt = 1; attempt <= 5; attempt++) {
      assertRefused(401, 40101, admin.as(name, "guess-" + attempt).get("/topics"));
    }
    Answer throttled = admin.as(name, "guess-6").get("/topics");
    assertRefused(429, 42901, throttled);
    long retryAfter =
        Long.parseLong(throttled.response().headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retryAfter > 0 && retryAfter <= 61, throttled::toString);

    assertEquals(200, admin.as(name, password).get("/topics").status(), "the right password");
    assertRefused(401, 40101, admin.as(name, "guess-7").get("/topics"));
    assertEquals(200, as(VIEWER).get("/topics").status(), "another user is not throttled");
  }

  @Test
  void guessesFromOneAddressLeaveTheNameFreeAtAnother() throws IOException {
    String name = uniqueTopic("access-elsewhere");
    String password = "elsewhere-user-password";
    assertEquals(
        201,
        admin
            .post(v3(admin, "/users"), APPLICATION_JSON, newUser(name, password, "viewer"))
            .status());
    for (int attempt = 1; attempt <= 6; attempt++) {
      // A forged X-Forwarded-For is ignored: no proxy is trusted.
      rawGet("127.0.0.1", name, "guess-" + attempt, "X-Forwarded-For: 192.0.2." + attempt);
    }
    assertEquals(429, rawGet("127.0.0.1", name, "guess-7", "X-Forwarded-For: 192.0.2.7"));

    assertEquals(401, rawGet("127.0.0.2", name, "guess-8", null), "not throttled there");
    assertEquals(200, rawGet("127.0.0.2", name, password, null));
  }

  /**
   * {@code GET /topics} as {@code name} over a connection from {@code from} (any loopback address
   * reaches the server); answers the status.
   */
  private static int rawGet(String from, String name, String password, String header)
      throws IOException {
    URI server = URI.create(admin.baseUrl());
    try (Socket socket =
        new Socket(
            InetAddress.getByName(server.getHost()),
            server.getPort(),
            InetAddress.getByName(from),
            0)) {
      socket.setSoTimeout(30_000);
      String credentials =
          Base64.getEncoder()
              .encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
      String request =
          "GET /topics HTTP/1.1\r\nHost: "
              + server.getHost()
              + "\r\nAuthorization: Basic "
              + credentials
              + "\r\n"
              + (header == null ? "" : header + "\r\n")
              + "Connection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      String statusLine =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      return Integer.parseInt(statusLine.split(" ")[1]);
    }
  }

  @Test
  void aNewPasswordEndsTheOldOneAtOnce() {
    TributaryHttp user = createUser(admin, "access-reset", "viewer");
    assertEquals(200, user.get("/topics").status(), "signed in, its password remembered");

    Answer set =
        admin.post(
            v3(admin, "/users/" + user.user() + "/password"),
            APPLICATION_JSON,
            "{\"password\":\"the-new-password\",\"must_change_password\":false}");
    assertEquals(204, set.status(), set::toString);

    assertRefused(401, 40101, user.get("/topics"));
    assertEquals(200, admin.as(user.user(), "the-new-password").get("/topics").status());
  }

  @Test
  void anUndoSentAsAFormIsRefusedAndChangesNothing() {
    GroupAtRest fixture = groupAtRest(admin, "access-undo-form");
    String undo = undoOfAResetToLatest(fixture);
    Map<Integer, Long> afterReset = committed(fixture);

    for (String type :
        List.of(
            "application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x")) {
      // A form can carry a JSON text as its body (enctype text/plain, or a crafted field name).
      assertRefused(415, 415, admin.post(undo, type, "{\"dry_run\":false}"));
    }
    assertEquals(afterReset, committed(fixture), "offsets unchanged");
    assertEquals(
        1,
        admin
            .get(v3(admin, "/consumer-groups/" + fixture.group() + "/offset-resets"))
            .object()
            .getJsonArray("data")
            .size(),
        "no undo recorded");
  }

  @Test
  void readinessShowsNoDatabaseDetailsToAnyone() {
    Answer ready = as(ANONYMOUS).get("/health/ready");
    assertEquals(200, ready.status(), ready::toString);
    for (JsonObject check : ready.object().getJsonArray("checks").getValuesAs(JsonObject.class)) {
      if (check.getString("name").equals("tributary-database")) {
        assertEquals("UP", check.getString("status"), ready::toString);
        assertEquals(Set.of("database"), check.getJsonObject("data").keySet(), ready::toString);
      }
      assertTrue(
          !ready.body().contains("Exception") && !ready.body().contains("SQLState"),
          ready::toString);
    }
  }

  @Test
  void anOversizedBodyIs413ForASignedInProducerAndAppendsNothing() {
    String topic = topicWithOnePartition("access-413");
    int limit = Integer.getInteger("tributary.max-request-bytes", 1_048_576);
    String value = "x".repeat(limit);

    Answer refused =
        as(PRODUCER)
            .post("/topics/" + topic, BINARY, "{\"records\":[{\"value\":\"" + value + "\"}]}");

    assertRefused(413, 41302, refused);
    assertEquals(0, endOffset(admin, topic, 0), "nothing appended");
  }

  @Test
  void healthAndOpenApiAreOpenAndTheRootSendsBrowsersToTheConsole() {
    TributaryHttp anonymous = as(ANONYMOUS);
    assertEquals(200, anonymous.get("/health/ready").status());
    assertEquals(200, anonymous.get("/openapi").status());

    Answer root = anonymous.get("/");
    assertTrue(root.status() == 302 || root.status() == 303, root::toString);
    assertTrue(
        root.response().headers().firstValue("Location").orElse("").endsWith("/console/"),
        root::toString);
  }

  @Test
  void anUnknownUserIsRefusedLikeAWrongPassword() {
    assertRefused(
        401, 40101, admin.as("nobody-" + UUID.randomUUID(), "whatever-password").get("/topics"));
  }

  /** Resets the group to the latest offsets as admin; answers the URL that undoes that reset. */
  private String undoOfAResetToLatest(GroupAtRest fixture) {
    String group = v3(admin, "/consumer-groups/" + fixture.group());
    Answer reset =
        admin.post(
            group + "/offsets:reset",
            APPLICATION_JSON,
            "{\"strategy\":\"to-latest\",\"topic_name\":\"" + fixture.topic() + "\"}");
    assertEquals(200, reset.status(), reset::toString);
    return group
        + "/offset-resets/"
        + reset.object().getJsonNumber("reset_id").longValue()
        + ":undo";
  }
}
