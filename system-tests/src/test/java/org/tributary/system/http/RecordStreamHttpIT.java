package org.tributary.system.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.Fixtures.assertRefused;
import static org.tributary.system.Fixtures.createTopic;
import static org.tributary.system.Fixtures.createUser;
import static org.tributary.system.Fixtures.produce;
import static org.tributary.system.Fixtures.v3;
import static org.tributary.system.TributaryHttp.APPLICATION_JSON;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tributary.system.EventStreamClient;
import org.tributary.system.EventStreamClient.Event;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;

/**
 * {@code GET /v3/clusters/{c}/topics/{t}/records:stream}: a topic's new records as Server-Sent
 * Events, bounded per user, closed when idle, when the user changes, and when the client stops
 * reading, without holding up the server.
 */
class RecordStreamHttpIT {

  /** {@code tributary.http.sse.max-streams-per-user}'s default, which the test servers keep. */
  private static final int MAX_STREAMS_PER_USER = 5;

  private static final Duration WAIT = Duration.ofSeconds(20);

  private final TributaryHttp admin = TributaryHttp.fromSystemProperty();

  private String stream(String topic, String query) {
    return v3(admin, "/topics/" + topic + "/records:stream" + query);
  }

  private static JsonObject data(Event event) {
    return Json.createReader(new StringReader(event.data())).readObject();
  }

  /** The record's own {@code partition:offset}, from its data. */
  private static String at(Event event) {
    JsonObject record = data(event);
    return record.getInt("partition_id") + ":" + record.getJsonNumber("offset").longValue();
  }

  private static Event record(EventStreamClient client) throws InterruptedException {
    Event event = client.next(WAIT).orElseThrow(() -> new AssertionError("no event in time"));
    assertEquals("record", event.event(), event::toString);
    return event;
  }

  @Test
  void aClientReceivesTheRecordsProducedAfterItConnected() throws Exception {
    String topic = uniqueTopic("sse");
    createTopic(admin, topic, 3);
    produce(admin, topic, 0, "old");
    TributaryHttp reader = createUser(admin, "sse-reader", "consumer");
    try (EventStreamClient client =
        EventStreamClient.open(reader, stream(topic, "?format=string"))) {
      assertEquals(200, client.status());
      assertTrue(client.header("content-type").orElseThrow().startsWith("text/event-stream"));
      client.startReading();
      produce(admin, topic, 0, "new-0");
      Event first = record(client);
      assertEquals("0:1", at(first), "from the end: 'old' is not sent");
      assertEquals("0:2,1:0,2:0", first.id(), "every partition's next offset after the event");
      JsonObject record = data(first);
      assertEquals(topic, record.getString("topic_name"));
      assertEquals(0, record.getInt("partition_id"));
      assertEquals(1, record.getJsonNumber("offset").longValue());
      assertEquals("new-0", record.getJsonObject("value").getString("data"));
      produce(admin, topic, 2, "new-2");
      Event second = record(client);
      assertEquals("2:0", at(second));
      assertEquals("0:2,1:0,2:1", second.id());
      assertEquals("new-2", data(second).getJsonObject("value").getString("data"));
    }
    try (EventStreamClient fromStart =
        EventStreamClient.open(reader, stream(topic, "?from=beginning&format=string"))) {
      fromStart.startReading();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ids.add(at(record(fromStart)));
      }
      assertTrue(ids.containsAll(List.of("0:0", "0:1", "2:0")), ids::toString);
    }
  }

  /**
   * Partitions' loops interleave their events as records arrive, and a client reconnects after any
   * of them: its id says where every partition stands, so the resumed stream sends exactly the
   * records not received, none twice.
   */
  @Test
  void lastEventIdResumesEveryPartitionExactly() throws Exception {
    String topic = uniqueTopic("sse-resume");
    createTopic(admin, topic, 3);
    produce(admin, topic, 0, "a0", "a1", "a2");
    produce(admin, topic, 1, "b0", "b1");
    produce(admin, topic, 2, "c0", "c1", "c2");
    Set<String> all =
        new TreeSet<>(List.of("0:0", "0:1", "0:2", "1:0", "1:1", "2:0", "2:1", "2:2"));
    for (int seen = 1; seen < all.size(); seen += 3) {
      // Its own user each time: a closed stream holds its place until the server writes to it.
      TributaryHttp reader = createUser(admin, "sse-resume", "viewer");
      Set<String> received = new TreeSet<>();
      Map<Integer, Long> next = new TreeMap<>(Map.of(0, 0L, 1, 0L, 2, 0L));
      String lastEventId = null;
      try (EventStreamClient first =
          EventStreamClient.open(reader, stream(topic, "?from=beginning&format=string"))) {
        first.startReading();
        for (int i = 0; i < seen; i++) {
          Event event = record(first);
          JsonObject record = data(event);
          next.put(record.getInt("partition_id"), record.getJsonNumber("offset").longValue() + 1);
          assertEquals(ids(next), event.id(), "the id is the positions after the event");
          received.add(at(event));
          lastEventId = event.id();
        }
      }
      Set<String> missed = new TreeSet<>(all);
      missed.removeAll(received);
      try (EventStreamClient resumed =
          EventStreamClient.open(
              reader, stream(topic, "?format=string"), Map.of("Last-Event-ID", lastEventId), 0)) {
        assertEquals(200, resumed.status());
        resumed.startReading();
        Set<String> again = new TreeSet<>();
        for (int i = 0; i < missed.size(); i++) {
          again.add(at(record(resumed)));
        }
        assertEquals(missed, again, "resumed after " + lastEventId);
      }
    }
  }

  private static String ids(Map<Integer, Long> next) {
    StringBuilder id = new StringBuilder();
    next.forEach((p, o) -> id.append(id.isEmpty() ? "" : ",").append(p).append(':').append(o));
    return id.toString();
  }

  @Test
  void theStreamPastAUsersBoundIsRefusedUntilOneCloses() throws Exception {
    String topic = uniqueTopic("sse-bound");
    createTopic(admin, topic, 1);
    TributaryHttp viewer = createUser(admin, "sse-bound", "viewer");
    List<EventStreamClient> open = new ArrayList<>();
    try {
      for (int i = 0; i < MAX_STREAMS_PER_USER; i++) {
        EventStreamClient client = EventStreamClient.open(viewer, stream(topic, ""));
        open.add(client);
        assertEquals(200, client.status(), "stream " + (i + 1));
      }
      try (EventStreamClient refused = EventStreamClient.open(viewer, stream(topic, ""))) {
        assertEquals(429, refused.status());
        JsonObject body = Json.createReader(new StringReader(refused.refusalBody())).readObject();
        assertEquals(42903, body.getInt("error_code"), body::toString);
        assertTrue(body.getString("message").contains("max-streams-per-user"), body::toString);
      }
      try (EventStreamClient otherUser = EventStreamClient.open(admin, stream(topic, ""))) {
        assertEquals(200, otherUser.status(), "the bound is per user");
      }
      open.remove(0).close();
      // The server learns that the client left at its next write (a heartbeat at the latest).
      long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
      int status = 0;
      while (System.nanoTime() < deadline) {
        EventStreamClient again = EventStreamClient.open(viewer, stream(topic, ""));
        status = again.status();
        if (status == 200) {
          open.add(again);
          break;
        }
        again.close();
        Thread.sleep(1000);
      }
      assertEquals(200, status, "a closed stream frees its place");
    } finally {
      for (EventStreamClient client : open) {
        client.close();
      }
    }
  }

  @Test
  void anIdleStreamIsClosedWithTheReason() throws Exception {
    String topic = uniqueTopic("sse-idle");
    createTopic(admin, topic, 1);
    long opened = System.nanoTime();
    try (EventStreamClient client =
        EventStreamClient.open(admin, stream(topic, "?idle_timeout=1500")).startReading()) {
      Event close = client.next(WAIT).orElseThrow(() -> new AssertionError("not closed"));
      assertEquals("close", close.event(), close::toString);
      assertEquals("idle", data(close).getString("reason"));
      assertTrue(client.awaitEnd(Duration.ofSeconds(5)), "the response ended");
      long took = Duration.ofNanos(System.nanoTime() - opened).toMillis();
      assertTrue(took >= 1400 && took < 10_000, "closed after about 1.5 s, took " + took);
    }
  }

  @Test
  void aUserWhoseRolesChangeLosesTheirStreams() throws Exception {
    String topic = uniqueTopic("sse-user");
    createTopic(admin, topic, 1);
    TributaryHttp reader = createUser(admin, "sse-changed", "viewer");
    try (EventStreamClient client =
        EventStreamClient.open(reader, stream(topic, "")).startReading()) {
      assertEquals(200, client.status());
      Answer changed =
          admin.patch(
              v3(admin, "/users/" + reader.user()), APPLICATION_JSON, "{\"roles\":[\"consumer\"]}");
      assertEquals(200, changed.status(), changed::toString);
      Event close = client.next(WAIT).orElseThrow(() -> new AssertionError("not closed"));
      assertEquals("close", close.event(), close::toString);
      assertEquals("user_changed", data(close).getString("reason"));
      assertTrue(client.awaitEnd(Duration.ofSeconds(5)));
    }
  }

  @Test
  void badRequestsAreRefusedWithStableCodes() throws Exception {
    String topic = uniqueTopic("sse-bad");
    createTopic(admin, topic, 2);
    assertStreamRefused(admin, stream(uniqueTopic("no-such"), ""), Map.of(), 404, 40401);
    assertStreamRefused(admin, stream(topic, "?from=middle"), Map.of(), 422, 42200);
    assertStreamRefused(admin, stream(topic, "?format=avro"), Map.of(), 422, 42200);
    assertStreamRefused(admin, stream(topic, "?idle_timeout=0"), Map.of(), 422, 42200);
    assertStreamRefused(admin, stream(topic, "?idle_timeout=soon"), Map.of(), 422, 42200);
    assertStreamRefused(admin, stream(topic, ""), Map.of("Last-Event-ID", "yesterday"), 422, 42200);
    assertStreamRefused(admin, stream(topic, ""), Map.of("Last-Event-ID", "0:3,0:4"), 422, 42200);
    assertStreamRefused(admin, stream(topic, ""), Map.of("Last-Event-ID", "0:3,"), 422, 42200);
    assertStreamRefused(admin, stream(topic, ""), Map.of("Last-Event-ID", "7:3"), 404, 40402);
    assertStreamRefused(
        admin, "/v3/clusters/elsewhere/topics/" + topic + "/records:stream", Map.of(), 404, 40404);
    assertStreamRefused(
        createUser(admin, "sse-producer", "producer"), stream(topic, ""), Map.of(), 403, 40301);
    assertRefused(406, 406, admin.get(stream(topic, ""), APPLICATION_JSON));
  }

  private static void assertStreamRefused(
      TributaryHttp http, String path, Map<String, String> headers, int status, int code)
      throws Exception {
    try (EventStreamClient client = EventStreamClient.open(http, path, headers, 0)) {
      assertEquals(status, client.status(), path);
      JsonObject body = Json.createReader(new StringReader(client.refusalBody())).readObject();
      assertEquals(code, body.getInt("error_code"), body::toString);
    }
  }

  /**
   * A client that opens a stream and never reads, while records fill every buffer on the way: the
   * server goes on answering others and streaming to a client that reads, and ends the stuck stream
   * (after tributary.http.sse.stall-timeout-ms) rather than buffering without bound or holding a
   * thread.
   */
  @Test
  void aClientThatNeverReadsIsClosedWhileTheServerGoesOn() throws Exception {
    String topic = uniqueTopic("sse-stuck");
    createTopic(admin, topic, 1);
    TributaryHttp stuckUser = createUser(admin, "sse-stuck", "viewer");
    byte[] bytes = new byte[256 * 1024];
    java.util.Arrays.fill(bytes, (byte) 'x');
    String value = Base64.getEncoder().encodeToString(bytes);
    String record =
        Json.createObjectBuilder()
            .add("partition_id", 0)
            .add("value", Json.createObjectBuilder().add("type", "BINARY").add("data", value))
            .build()
            .toString();
    int records = 100; // 25 MiB of values, 34 MiB of events: beyond any socket's buffers
    int stuckStreams = 3;
    double threadsBefore = threadCount();
    List<EventStreamClient> stuck = new ArrayList<>();
    try (EventStreamClient reading = EventStreamClient.open(admin, stream(topic, ""))) {
      for (int i = 0; i < stuckStreams; i++) {
        stuck.add(EventStreamClient.open(stuckUser, stream(topic, ""), Map.of(), 4096));
        assertEquals(200, stuck.get(i).status());
      }
      assertEquals(200, reading.status());
      reading.startReading();
      CompletableFuture<Integer> readerCount =
          CompletableFuture.supplyAsync(
              () -> {
                int seen = 0;
                try {
                  while (seen < records && reading.next(Duration.ofSeconds(60)).isPresent()) {
                    seen++;
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return seen;
              });
      for (int i = 0; i < records; i++) {
        Answer produced =
            admin.post(v3(admin, "/topics/" + topic + "/records"), APPLICATION_JSON, record);
        assertEquals(200, produced.status(), produced::toString);
        if (i % 20 == 0) {
          assertAnswersQuickly();
        }
      }
      assertEquals(records, readerCount.get(120, TimeUnit.SECONDS), "the reading client got all");
      // Well past the stall limit, the server has given up on the stuck streams: other users and
      // calls were never held up meanwhile.
      for (int i = 0; i < 12; i++) {
        assertAnswersQuickly();
        Thread.sleep(1000);
      }
      for (EventStreamClient client : stuck) {
        client.startReading();
        assertTrue(client.awaitEnd(Duration.ofSeconds(60)), "the stuck stream was ended");
        long recordEvents =
            client.drained().stream().filter(event -> event.event().equals("record")).count();
        assertTrue(recordEvents < records, "its pending events were dropped: " + recordEvents);
      }
    } finally {
      for (EventStreamClient client : stuck) {
        client.close();
      }
    }
    // No thread is left writing to them, and their places are free again.
    double threadsAfter = threadCount();
    assertTrue(
        threadsAfter <= threadsBefore + 16,
        "threads before " + threadsBefore + ", after " + threadsAfter);
    List<EventStreamClient> again = new ArrayList<>();
    try {
      for (int i = 0; i < MAX_STREAMS_PER_USER; i++) {
        again.add(EventStreamClient.open(stuckUser, stream(topic, "")));
        assertEquals(200, again.get(i).status(), "stream " + (i + 1));
      }
    } finally {
      for (EventStreamClient client : again) {
        client.close();
      }
    }
  }

  /** The server's live threads, from MicroProfile Metrics' base scope. */
  private double threadCount() {
    Answer metrics = admin.get("/metrics");
    assertEquals(200, metrics.status(), metrics::toString);
    for (String line : metrics.body().split("\n")) {
      if (line.startsWith("thread_count{")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no thread_count in /metrics");
  }

  private void assertAnswersQuickly() {
    long started = System.nanoTime();
    Answer answer = admin.get(v3(admin, ""));
    long took = Duration.ofNanos(System.nanoTime() - started).toMillis();
    assertEquals(200, answer.status(), answer::toString);
    assertTrue(took < 5000, "an unrelated call took " + took + " ms");
  }
}
