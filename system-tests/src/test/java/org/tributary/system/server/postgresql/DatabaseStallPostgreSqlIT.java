package org.tributary.system.server.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.TributaryHttp.APPLICATION_JSON;
import static org.tributary.system.TributaryHttp.BINARY;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;
import org.tributary.system.V2Consumer;
import org.tributary.system.server.OwnServer;

/**
 * A lock that a database administrator holds on the record batches stalls the writer: producers are
 * answered with a retriable error within their deadline, readiness goes down, the bytes waiting for
 * the writer stay bounded, and once the lock goes everything works again with every acknowledged
 * record in place.
 */
class DatabaseStallPostgreSqlIT {

  private static final long PRODUCE_TIMEOUT_MS = 2_000;
  private static final int MAX_QUEUED_BYTES = 200_000;
  private static final String OPTIONS =
      System.getProperty("test.server.options")
          + " -Dtributary.produce.timeout-ms="
          + PRODUCE_TIMEOUT_MS
          + " -Dtributary.database.lock-timeout-ms=5000"
          + " -Dqueued.max.request.bytes="
          + MAX_QUEUED_BYTES;

  private final OwnServer server = OwnPostgreSqlServers.first();
  private final TributaryHttp http = new TributaryHttp(server.url());

  @AfterEach
  void stopServer() throws Exception {
    server.stop();
  }

  @Test
  void aLockedBatchTableAnswersProducersInTimeAndLosesNothingAcknowledged() throws Exception {
    server.fresh().start(OPTIONS, OwnPostgreSqlServers.environment());
    String topic = TributaryHttp.uniqueTopic("stall");
    Map<Long, String> acknowledged = new HashMap<>();
    List<Long> offsets = Fixtures.produce(http, topic, 0, "a", "b", "c");
    for (int i = 0; i < offsets.size(); i++) {
      acknowledged.put(offsets.get(i), List.of("a", "b", "c").get(i));
    }

    try (Connection dba = OwnPostgreSqlServers.connect()) {
      dba.setAutoCommit(false);
      try (Statement lock = dba.createStatement()) {
        lock.execute("LOCK TABLE tributary_record_batch IN EXCLUSIVE MODE");
      }
      long started = System.nanoTime();
      CompletableFuture<Answer> stalled =
          CompletableFuture.supplyAsync(() -> produce(topic, "stalled"));
      Fixtures.pause(300);
      // Waits behind the stalled one, within the queued bytes...
      CompletableFuture<Answer> queued =
          CompletableFuture.supplyAsync(() -> produce(topic, "q".repeat(MAX_QUEUED_BYTES / 2)));
      Fixtures.pause(300);
      // ... which this one would exceed: refused at once.
      Answer overflowing = produce(topic, "o".repeat(MAX_QUEUED_BYTES / 2 + 10));
      assertEquals(503, overflowing.status(), overflowing::toString);
      assertEquals(50003, overflowing.errorCode(), overflowing::toString);
      assertTrue(overflowing.body().contains("queued.max.request.bytes"), overflowing::toString);

      for (Answer late :
          List.of(stalled.get(30, TimeUnit.SECONDS), queued.get(30, TimeUnit.SECONDS))) {
        assertEquals(503, late.status(), late::toString);
        assertEquals(50302, late.errorCode(), late::toString);
      }
      assertTrue(
          System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(PRODUCE_TIMEOUT_MS + 4_000),
          "answered within the deadline");
      Answer v3 = produceV3(topic, "stalled-v3");
      assertEquals(503, v3.status(), v3::toString);
      assertEquals(50302, v3.errorCode(), v3::toString);

      Answer ready = http.anonymous().get("/health/ready");
      assertEquals(503, ready.status(), ready::toString);
      assertTrue(ready.body().contains("tributary-writer"), ready::toString);
      dba.rollback();
    }

    Fixtures.await(
        "ready again once the lock is gone",
        Duration.ofSeconds(30),
        () -> Optional.of(true).filter(x -> http.anonymous().get("/health/ready").status() == 200));
    for (long offset : Fixtures.produce(http, topic, 0, "after")) {
      acknowledged.put(offset, "after");
    }
    Map<Long, String> stored = readPartitionZero(topic, acknowledged.size());
    acknowledged.forEach(
        (offset, value) -> assertEquals(value, stored.get(offset), "acknowledged at " + offset));
  }

  private Answer produce(String topic, String value) {
    return http.post(
        "/topics/" + topic + "/partitions/0",
        BINARY,
        "{\"records\":[{\"value\":\"" + TributaryHttp.base64(value) + "\"}]}");
  }

  private Answer produceV3(String topic, String value) {
    return http.post(
        Fixtures.v3(http, "/topics/" + topic + "/records"),
        APPLICATION_JSON,
        "{\"partition_id\":0,\"value\":{\"type\":\"STRING\",\"data\":\"" + value + "\"}}");
  }

  /** Every record of partition 0 that a consumer reads from the start, by offset. */
  private Map<Long, String> readPartitionZero(String topic, int atLeast) {
    V2Consumer consumer =
        V2Consumer.earliest(http, TributaryHttp.uniqueTopic("stall-group"), "reader");
    try {
      consumer.assign(topic, 0);
      Map<Long, String> records = new HashMap<>();
      List<JsonObject> read = new ArrayList<>(consumer.pollUntil(atLeast));
      for (JsonObject record : read) {
        records.put(
            record.getJsonNumber("offset").longValue(),
            new String(
                Base64.getDecoder().decode(record.getString("value")), StandardCharsets.UTF_8));
      }
      return records;
    } finally {
      consumer.delete();
    }
  }
}
