package org.tributary.system.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.Fixtures.assertRefused;
import static org.tributary.system.Fixtures.await;
import static org.tributary.system.Fixtures.produce;
import static org.tributary.system.Fixtures.v3Assignments;
import static org.tributary.system.Fixtures.value;
import static org.tributary.system.TributaryHttp.BINARY;
import static org.tributary.system.TributaryHttp.JSON;
import static org.tributary.system.TributaryHttp.V2;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;
import org.tributary.system.V2Consumer;

/**
 * REST Proxy v2 consumers against the running server. The test servers give auto-created topics 3
 * partitions; every test uses its own topics and groups.
 */
class ConsumerHttpIT {

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  private static List<Long> offsets(List<JsonObject> records) {
    return records.stream().map(r -> r.getJsonNumber("offset").longValue()).toList();
  }

  private static List<String> values(List<JsonObject> records) {
    return records.stream().map(Fixtures::value).toList();
  }

  private static Set<Integer> partitions(List<JsonObject> records) {
    return records.stream().map(r -> r.getInt("partition")).collect(Collectors.toSet());
  }

  /** The consumer's next poll brings exactly one record: this offset with this value. */
  private static void assertNextRecord(V2Consumer consumer, long offset, String value) {
    List<JsonObject> records = consumer.pollUntil(1);
    assertEquals(List.of(offset), offsets(records), records::toString);
    assertEquals(value, value(records.get(0)));
  }

  @Test
  void createAnswersTheInstanceIdAndAnAbsoluteBaseUriOfTheInstance() {
    String group = uniqueTopic("group");
    Answer created =
        http.post("/consumers/" + group, V2, "{\"name\":\"first\",\"format\":\"binary\"}");

    assertEquals(200, created.status(), created::toString);
    assertEquals("first", created.object().getString("instance_id"), created::toString);
    URI baseUri = URI.create(created.object().getString("base_uri"));
    assertTrue(baseUri.isAbsolute(), created::toString);
    assertEquals("http", baseUri.getScheme(), created::toString);
    assertEquals(URI.create(http.baseUrl()).getPort(), baseUri.getPort(), created::toString);
    assertTrue(
        baseUri.getPath().endsWith("/consumers/" + group + "/instances/first"), created::toString);
    Answer subscription = http.get(baseUri.getPath() + "/subscription");
    assertEquals(200, subscription.status(), subscription::toString);
    http.delete(baseUri.getPath());
  }

  @Test
  void createWithoutANameGeneratesOneThatTheBaseUriEndsWith() {
    String group = uniqueTopic("group");
    Answer created = http.post("/consumers/" + group, V2, "{\"format\":\"binary\"}");

    assertEquals(200, created.status(), created::toString);
    String id = created.object().getString("instance_id");
    assertFalse(id.isBlank(), created::toString);
    assertTrue(
        created.object().getString("base_uri").endsWith("/consumers/" + group + "/instances/" + id),
        created::toString);
    assertEquals(204, http.delete(V2Consumer.path(group, id)).status());
  }

  @Test
  void aSecondInstanceWithTheSameNameInTheGroupIsRefusedWith40902() {
    String group = uniqueTopic("group");
    try (V2Consumer first = V2Consumer.earliest(http, group, "twin")) {
      assertRefused(409, 40902, http.post("/consumers/" + group, V2, "{\"name\":\"twin\"}"));
      // The same name in another group is another instance.
      V2Consumer other = V2Consumer.earliest(http, uniqueTopic("group"), "twin");
      other.delete();
    }
  }

  @Test
  void subscriptionCanBeSetReadAndDeleted() {
    String one = uniqueTopic("sub");
    String two = uniqueTopic("sub");
    produce(http, one, 0, "x");
    produce(http, two, 0, "x");
    try (V2Consumer consumer = V2Consumer.earliest(http, uniqueTopic("group"), "c")) {
      consumer.subscribe(one, two);

      Answer subscription = http.get(consumer.base() + "/subscription");
      assertEquals(200, subscription.status(), subscription::toString);
      Set<String> topics =
          subscription.object().getJsonArray("topics").getValuesAs(JsonString.class).stream()
              .map(JsonString::getString)
              .collect(Collectors.toSet());
      assertEquals(Set.of(one, two), topics, subscription::toString);

      Answer deleted = http.delete(consumer.base() + "/subscription");
      assertEquals(204, deleted.status(), deleted::toString);
      Answer after = http.get(consumer.base() + "/subscription");
      assertEquals(200, after.status(), after::toString);
      assertEquals(0, after.object().getJsonArray("topics").size(), after::toString);
    }
  }

  @Test
  void topicPatternSubscriptionReadsEveryMatchingTopicAndNoOther() {
    String prefix = "pattern" + uniqueTopic("").replace("-", "");
    String matchingA = prefix + "-a";
    String matchingB = prefix + "-b";
    String other = "other" + prefix;
    produce(http, matchingA, 0, "from a");
    produce(http, matchingB, 2, "from b");
    produce(http, other, 1, "from other");
    try (V2Consumer consumer = V2Consumer.earliest(http, uniqueTopic("group"), "c")) {
      Answer subscribed =
          http.post(
              consumer.base() + "/subscription", V2, "{\"topic_pattern\":\"" + prefix + "-.*\"}");
      assertEquals(204, subscribed.status(), subscribed::toString);

      List<JsonObject> records = consumer.pollUntil(2);
      records.addAll(consumer.poll(500).getValuesAs(JsonObject.class));

      Map<String, String> byTopic = new HashMap<>();
      for (JsonObject record : records) {
        assertNull(byTopic.put(record.getString("topic"), value(record)), records::toString);
      }
      assertEquals(Map.of(matchingA, "from a", matchingB, "from b"), byTopic);
    }
  }

  @Test
  void twoInstancesOfAGroupSplitTheThreePartitionsAndEachReadsOnlyItsOwn() {
    String topic = uniqueTopic("split");
    String group = uniqueTopic("group");
    for (int partition = 0; partition < 3; partition++) {
      produce(http, topic, partition, "first-" + partition);
    }
    try (V2Consumer a = V2Consumer.earliest(http, group, "a");
        V2Consumer b = V2Consumer.earliest(http, group, "b")) {
      a.subscribe(topic);
      b.subscribe(topic);

      // Both poll until the group settled: two members, disjoint partitions, 0..2 covered.
      Map<String, Set<Integer>> assignments =
          await(
              "two members holding disjoint partitions that cover 0..2",
              () -> {
                fetchTolerantOfRebalance(a);
                fetchTolerantOfRebalance(b);
                Map<String, Set<Integer>> now = v3Assignments(http, group, topic);
                return settled(now) ? Optional.of(now) : Optional.empty();
              });

      for (int partition = 0; partition < 3; partition++) {
        produce(http, topic, partition, "second-" + partition);
      }
      Map<String, Set<Integer>> read =
          new HashMap<>(Map.of("a", new HashSet<>(), "b", new HashSet<>()));
      await(
          "the three second-round records",
          () -> {
            collectSecondRound(a, read.get("a"));
            collectSecondRound(b, read.get("b"));
            return read.get("a").size() + read.get("b").size() >= 3
                ? Optional.of(true)
                : Optional.empty();
          });

      Set<Integer> ofA = read.get("a");
      Set<Integer> ofB = read.get("b");
      assertTrue(ofA.stream().noneMatch(ofB::contains), read::toString);
      Set<Integer> all = new HashSet<>(ofA);
      all.addAll(ofB);
      assertEquals(Set.of(0, 1, 2), all, read::toString);
      assertEquals(
          Set.copyOf(assignments.values()),
          Set.of(ofA, ofB),
          () -> "records came from the partitions v3 shows: " + assignments + " vs " + read);
    }
  }

  private static boolean settled(Map<String, Set<Integer>> assignments) {
    if (assignments.size() != 2) {
      return false;
    }
    List<Set<Integer>> sets = new ArrayList<>(assignments.values());
    Set<Integer> union = new HashSet<>(sets.get(0));
    union.addAll(sets.get(1));
    return !sets.get(0).isEmpty()
        && !sets.get(1).isEmpty()
        && sets.get(0).stream().noneMatch(sets.get(1)::contains)
        && union.equals(Set.of(0, 1, 2));
  }

  /** A records request while the group rebalances may be refused with 40903; that is retried. */
  private static List<JsonObject> fetchTolerantOfRebalance(V2Consumer consumer) {
    Answer records = consumer.fetch(200);
    if (records.status() == 409 && records.errorCode() == 40903) {
      return List.of();
    }
    assertEquals(200, records.status(), records::toString);
    return records.array().getValuesAs(JsonObject.class);
  }

  private static void collectSecondRound(V2Consumer consumer, Set<Integer> partitions) {
    for (JsonObject record : fetchTolerantOfRebalance(consumer)) {
      if (value(record).startsWith("second-")) {
        assertTrue(partitions.add(record.getInt("partition")), "read twice: " + record);
      }
    }
  }

  @Test
  void aNewInstanceOfTheGroupResumesRightAfterTheCommittedOffset() {
    String topic = uniqueTopic("resume");
    String group = uniqueTopic("group");
    produce(http, topic, 0, "v0", "v1", "v2", "v3", "v4", "v5");
    V2Consumer first = V2Consumer.earliest(http, group, "first");
    first.subscribe(topic);
    List<JsonObject> read = first.pollUntil(6);
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), offsets(read));

    // REST Proxy v2: committing offset 2 says records up to 2 are processed; 3 is committed.
    first.commit(topic, 0, 2);
    assertEquals(Map.of(0, 3L), first.committed(topic, 0));
    first.delete();
    assertRefused(404, 40403, http.get(first.base() + "/subscription"));

    try (V2Consumer second = V2Consumer.earliest(http, group, "second")) {
      second.subscribe(topic);
      List<JsonObject> resumed = second.pollUntil(3);
      assertEquals(List.of(3L, 4L, 5L), offsets(resumed), resumed::toString);
      assertEquals(List.of("v3", "v4", "v5"), values(resumed));
      assertEquals(0, second.poll(300).size(), "nothing after the end");
    }
  }

  @Test
  void anExplicitCommitAnswers200() {
    String topic = uniqueTopic("commit");
    produce(http, topic, 0, "a");
    try (V2Consumer consumer = V2Consumer.earliest(http, uniqueTopic("group"), "c")) {
      consumer.subscribe(topic);
      consumer.pollUntil(1);
      Answer committed =
          http.post(
              consumer.base() + "/offsets",
              V2,
              "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":0}]}");
      assertEquals(200, committed.status(), committed::toString);
    }
  }

  @Test
  void anEmptyCommitCommitsEverythingReturnedSoFar() {
    String topic = uniqueTopic("commit-all");
    String group = uniqueTopic("group");
    produce(http, topic, 1, "a", "b", "c", "d");
    V2Consumer first = V2Consumer.earliest(http, group, "first");
    first.subscribe(topic);
    assertEquals(List.of(0L, 1L, 2L, 3L), offsets(first.pollUntil(4)));

    first.commitAll();

    assertEquals(4L, first.committed(topic, 1).get(1));
    first.delete();
    try (V2Consumer second = V2Consumer.earliest(http, group, "second")) {
      second.subscribe(topic);
      second.poll(500);
      produce(http, topic, 1, "late");
      assertNextRecord(second, 4, "late");
    }
  }

  @Test
  void committedOffsetsAreAnsweredForTheAskedPartitionsOnly() {
    String topic = uniqueTopic("committed");
    produce(http, topic, 0, "a", "b");
    produce(http, topic, 2, "c", "d", "e");
    try (V2Consumer consumer = V2Consumer.earliest(http, uniqueTopic("group"), "c")) {
      consumer.subscribe(topic);
      consumer.pollUntil(5);
      consumer.commit(topic, 0, 0);
      consumer.commit(topic, 2, 1);

      Answer answer =
          http.getWithBody(
              consumer.base() + "/offsets", V2, V2Consumer.partitionsBody(topic, 0, 2));
      assertEquals(200, answer.status(), answer::toString);
      Map<Integer, Long> offsets = new HashMap<>();
      for (JsonObject offset :
          answer.object().getJsonArray("offsets").getValuesAs(JsonObject.class)) {
        assertEquals(topic, offset.getString("topic"));
        assertTrue(offset.containsKey("metadata"), answer::toString);
        offsets.put(offset.getInt("partition"), offset.getJsonNumber("offset").longValue());
      }
      assertEquals(Map.of(0, 1L, 2, 2L), offsets, answer::toString);
      assertEquals(Map.of(2, 2L), consumer.committed(topic, 2));
    }
  }

  @Test
  void seekToBeginningReadsTheRecordsAgain() {
    String topic = uniqueTopic("seek-begin");
    produce(http, topic, 0, "a", "b", "c");
    try (V2Consumer consumer = V2Consumer.earliest(http, uniqueTopic("group"), "c")) {
      consumer.assign(topic, 0);
      assertEquals(List.of(0L, 1L, 2L), offsets(consumer.pollUntil(3)));
      assertEquals(0, consumer.poll(200).size());

      Answer seek =
          http.post(
              consumer.base() + "/positions/beginning", V2, V2Consumer.partitionsBody(topic, 0));
      assertEquals(204, seek.status(), seek::toString);

      List<JsonObject> again = consumer.pollUntil(3);
      assertEquals(List.of(0L, 1L, 2L), offsets(again));
      assertEquals(List.of("a", "b", "c"), values(again));
    }
  }

  @Test
  void seekToEndSkipsWhatIsThereAndReadsOnlyNewRecords() {
    String topic = uniqueTopic("seek-end");
    produce(http, topic, 0, "a", "b", "c");
    try (V2Consumer consumer = V2Consumer.earliest(http, uniqueTopic("group"), "c")) {
      consumer.assign(topic, 0);
      Answer seek =
          http.post(consumer.base() + "/positions/end", V2, V2Consumer.partitionsBody(topic, 0));
      assertEquals(204, seek.status(), seek::toString);

      assertEquals(0, consumer.poll(300).size(), "nothing before a new record");
      produce(http, topic, 0, "new");
      assertNextRecord(consumer, 3, "new");
    }
  }

  @Test
  void seekToAnOffsetContinuesFromThere() {
    String topic = uniqueTopic("seek-offset");
    produce(http, topic, 1, "a", "b", "c", "d", "e");
    try (V2Consumer consumer = V2Consumer.earliest(http, uniqueTopic("group"), "c")) {
      consumer.assign(topic, 1);
      Answer seek =
          http.post(
              consumer.base() + "/positions",
              V2,
              "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":1,\"offset\":3}]}");
      assertEquals(204, seek.status(), seek::toString);

      List<JsonObject> records = consumer.pollUntil(2);
      assertEquals(List.of(3L, 4L), offsets(records), records::toString);
      assertEquals(List.of("d", "e"), values(records));
    }
  }

  @Test
  void seekToATimestampContinuesFromTheFirstRecordAtOrAfterIt() {
    String topic = uniqueTopic("seek-time");
    Fixtures.createTopic(http, topic, 3);
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    for (int i = 0; i < 4; i++) {
      Fixtures.produceV3(http, topic, 0, "t" + i, start.plusSeconds(i));
    }
    try (V2Consumer consumer = V2Consumer.earliest(http, uniqueTopic("group"), "c")) {
      consumer.assign(topic, 0);

      Answer between = seekToTimestamp(consumer, topic, "" + start.plusMillis(1500).toEpochMilli());
      assertEquals(204, between.status(), between::toString);
      List<JsonObject> fromMillis = consumer.pollUntil(2);
      assertEquals(List.of(2L, 3L), offsets(fromMillis), fromMillis::toString);

      Answer exact = seekToTimestamp(consumer, topic, "\"" + start.plusSeconds(3) + "\"");
      assertEquals(204, exact.status(), exact::toString);
      List<JsonObject> fromIso = consumer.pollUntil(1);
      assertEquals(List.of(3L), offsets(fromIso), fromIso::toString);

      Answer after = seekToTimestamp(consumer, topic, "" + start.plusSeconds(30).toEpochMilli());
      assertEquals(204, after.status(), after::toString);
      assertEquals(0, consumer.poll(300).size(), "after the last record: the end");
    }
  }

  private Answer seekToTimestamp(V2Consumer consumer, String topic, String timestampJson) {
    return http.post(
        consumer.base() + "/positions/timestamp",
        V2,
        "{\"timestamps\":[{\"topic\":\""
            + topic
            + "\",\"partition\":0,\"timestamp\":"
            + timestampJson
            + "}]}");
  }

  @Test
  void manualAssignmentIsAnsweredBackAndReadsOnlyTheAssignedPartition() {
    String topic = uniqueTopic("assign");
    produce(http, topic, 0, "zero");
    produce(http, topic, 1, "one");
    produce(http, topic, 2, "two");
    try (V2Consumer consumer = V2Consumer.earliest(http, uniqueTopic("group"), "c")) {
      consumer.assign(topic, 1);

      Answer assignments = http.get(consumer.base() + "/assignments");
      assertEquals(200, assignments.status(), assignments::toString);
      assertEquals(
          Json.createReader(new java.io.StringReader(V2Consumer.partitionsBody(topic, 1)))
              .readObject(),
          assignments.object(),
          assignments::toString);

      List<JsonObject> records = consumer.pollUntil(1);
      records.addAll(consumer.poll(500).getValuesAs(JsonObject.class));
      assertEquals(List.of("one"), values(records), records::toString);
      assertEquals(Set.of(1), partitions(records));
    }
  }

  @Test
  void subscribingAfterAnAssignmentAndAssigningAfterASubscriptionAreRefusedWith40901() {
    String topic = uniqueTopic("exclusive");
    produce(http, topic, 0, "x");
    try (V2Consumer assigned = V2Consumer.earliest(http, uniqueTopic("group"), "assigned");
        V2Consumer subscribed = V2Consumer.earliest(http, uniqueTopic("group"), "subscribed")) {
      assigned.assign(topic, 0);
      assertRefused(
          409,
          40901,
          http.post(assigned.base() + "/subscription", V2, "{\"topics\":[\"" + topic + "\"]}"));

      subscribed.subscribe(topic);
      assertRefused(
          409,
          40901,
          http.post(subscribed.base() + "/assignments", V2, V2Consumer.partitionsBody(topic, 0)));
    }
  }

  @Test
  void jsonFormatAnswersJsonKeysAndValuesWithTimestampAndHeaders() {
    String topic = uniqueTopic("json");
    Instant before = Instant.now();
    Answer produced =
        http.post(
            "/topics/" + topic + "/partitions/0",
            JSON,
            "{\"records\":[{\"key\":{\"id\":7},\"value\":{\"name\":\"x\",\"n\":[1,2]}}]}");
    assertEquals(200, produced.status(), produced::toString);
    Instant after = Instant.now();
    try (V2Consumer consumer =
        V2Consumer.create(
            http,
            uniqueTopic("group"),
            "c",
            "\"format\":\"json\",\"auto.offset.reset\":\"earliest\"")) {
      consumer.assign(topic, 0);

      JsonObject record = consumer.pollUntil(1).get(0);
      assertEquals(topic, record.getString("topic"), record::toString);
      assertEquals(0, record.getInt("partition"), record::toString);
      assertEquals(0, record.getJsonNumber("offset").longValue(), record::toString);
      assertEquals(Json.createObjectBuilder().add("id", 7).build(), record.getJsonObject("key"));
      assertEquals(
          Json.createObjectBuilder()
              .add("name", "x")
              .add("n", Json.createArrayBuilder().add(1).add(2))
              .build(),
          record.getJsonObject("value"));
      assertTrue(record.containsKey("headers"), record::toString);
      Instant timestamp = Fixtures.instant(record.get("timestamp"));
      assertFalse(timestamp.isBefore(before.minusSeconds(5)), record::toString);
      assertFalse(timestamp.isAfter(after.plusSeconds(5)), record::toString);
    }
  }

  @Test
  void recordsAskedForInTheOtherFormatAreRefusedWith40601() {
    String topic = uniqueTopic("accept");
    produce(http, topic, 0, "x");
    try (V2Consumer binary = V2Consumer.earliest(http, uniqueTopic("group"), "binary");
        V2Consumer json =
            V2Consumer.create(
                http,
                uniqueTopic("group"),
                "json",
                "\"format\":\"json\",\"auto.offset.reset\":\"earliest\"")) {
      binary.assign(topic, 0);
      json.assign(topic, 0);
      assertRefused(406, 40601, http.get(binary.base() + "/records?timeout=100", JSON));
      assertRefused(406, 40601, http.get(json.base() + "/records?timeout=100", BINARY));
    }
  }

  @Test
  void anUnknownInstanceIs404With40403OnEveryResource() {
    String group = uniqueTopic("group");
    String missing = V2Consumer.path(group, "nobody");
    assertRefused(404, 40403, http.get(missing + "/subscription"));
    assertRefused(404, 40403, http.get(missing + "/records?timeout=100", BINARY));
    assertRefused(404, 40403, http.get(missing + "/assignments"));
    assertRefused(404, 40403, http.post(missing + "/offsets", V2, ""));
    assertRefused(
        404, 40403, http.post(missing + "/subscription", V2, "{\"topics\":[\"anything\"]}"));
    assertRefused(404, 40403, http.delete(missing));
  }

  @Test
  void aWaitingRecordsRequestAnswersAsSoonAsARecordIsProduced() throws Exception {
    String topic = uniqueTopic("long-poll");
    produce(http, topic, 1, "elsewhere");
    try (V2Consumer consumer = V2Consumer.earliest(http, uniqueTopic("group"), "c")) {
      consumer.assign(topic, 0);
      assertEquals(0, consumer.poll(100).size());

      long started = System.nanoTime();
      CompletableFuture<Answer> waiting =
          CompletableFuture.supplyAsync(
              () -> http.get(consumer.base() + "/records?timeout=10000", BINARY));
      Fixtures.pause(300);
      assertFalse(waiting.isDone(), "with nothing to read the request waits");

      long producedAt = System.nanoTime();
      produce(http, topic, 0, "wake up");
      Answer answer = waiting.get(15, TimeUnit.SECONDS);
      long answeredAt = System.nanoTime();

      assertEquals(200, answer.status(), answer::toString);
      assertEquals(1, answer.array().size(), answer::toString);
      assertEquals("wake up", value(answer.array().getJsonObject(0)));
      long afterProduce = TimeUnit.NANOSECONDS.toMillis(answeredAt - producedAt);
      long total = TimeUnit.NANOSECONDS.toMillis(answeredAt - started);
      assertTrue(afterProduce < 1000, "answered " + afterProduce + " ms after the produce");
      assertTrue(total < 10_000, "answered " + total + " ms after the request");
    }
  }

  @Test
  void anEmptyPollWaitsOutItsTimeoutAndAnswersAnEmptyList() {
    String topic = uniqueTopic("empty-poll");
    produce(http, topic, 1, "elsewhere");
    try (V2Consumer consumer = V2Consumer.earliest(http, uniqueTopic("group"), "c")) {
      consumer.assign(topic, 0);
      consumer.poll(100);

      long started = System.nanoTime();
      Answer answer = consumer.fetch(500);
      long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

      assertEquals(200, answer.status(), answer::toString);
      assertEquals(0, answer.array().size(), answer::toString);
      assertTrue(took >= 400, "answered after " + took + " ms");
      assertTrue(took < 5000, "answered after " + took + " ms");
    }
  }

  @Test
  void withoutATimeoutAPollWaitsTheInstancesRequestTimeout() {
    String topic = uniqueTopic("request-timeout");
    produce(http, topic, 1, "elsewhere");
    try (V2Consumer consumer =
        V2Consumer.create(
            http,
            uniqueTopic("group"),
            "c",
            "\"auto.offset.reset\":\"earliest\",\"consumer.request.timeout.ms\":700")) {
      consumer.assign(topic, 0);
      consumer.poll(100);

      long started = System.nanoTime();
      Answer answer = http.get(consumer.base() + "/records", BINARY);
      long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

      assertEquals(200, answer.status(), answer::toString);
      assertEquals(0, answer.array().size(), answer::toString);
      assertTrue(took >= 600 && took < 5000, "answered after " + took + " ms");
    }
  }

  @Test
  void aSecondRecordsRequestWhileOneWaitsIsRefusedWith40903() throws Exception {
    String topic = uniqueTopic("busy");
    produce(http, topic, 1, "elsewhere");
    try (V2Consumer consumer = V2Consumer.earliest(http, uniqueTopic("group"), "c")) {
      consumer.assign(topic, 0);
      consumer.poll(100);
      CompletableFuture<Answer> waiting =
          CompletableFuture.supplyAsync(
              () -> http.get(consumer.base() + "/records?timeout=3000", BINARY));
      Fixtures.pause(300);

      assertRefused(409, 40903, consumer.fetch(100));

      Answer first = waiting.get(15, TimeUnit.SECONDS);
      assertEquals(200, first.status(), first::toString);
      assertEquals(0, first.array().size(), first::toString);
    }
  }

  @Test
  void anIdleInstanceExpiresAfterItsTimeoutAndLeavesTheGroup() {
    String topic = uniqueTopic("expiry");
    String group = uniqueTopic("group");
    produce(http, topic, 0, "x");
    V2Consumer consumer =
        V2Consumer.create(
            http,
            group,
            "idle",
            "\"auto.offset.reset\":\"earliest\",\"consumer.instance.timeout.ms\":2000");
    consumer.subscribe(topic);
    consumer.pollUntil(1);
    assertEquals(1, v3Assignments(http, group, topic).size(), "a member of the group");

    // The last request to the instance; v3 requests do not touch it.
    long touched = System.nanoTime();
    assertEquals(200, http.get(consumer.base() + "/subscription").status());

    await(
        "the idle instance leaves the group",
        Duration.ofSeconds(10),
        () -> v3Assignments(http, group, topic).isEmpty() ? Optional.of(true) : Optional.empty());
    long idle = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - touched);

    assertTrue(idle >= 1900, "expired after " + idle + " ms idle, before its 2000 ms");
    assertRefused(404, 40403, http.get(consumer.base() + "/subscription"));
  }

  @Test
  void aDeletedInstanceIsGoneAndItsNameIsFreeAgain() {
    String group = uniqueTopic("group");
    V2Consumer consumer = V2Consumer.earliest(http, group, "reused");
    consumer.delete();
    assertRefused(404, 40403, http.get(consumer.base() + "/subscription"));
    assertRefused(404, 40403, http.delete(consumer.base()));
    V2Consumer again = V2Consumer.earliest(http, group, "reused");
    assertNotNull(again);
    again.delete();
  }
}
