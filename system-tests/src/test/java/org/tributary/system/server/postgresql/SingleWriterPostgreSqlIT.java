package org.tributary.system.server.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tributary.system.TributaryHttp.BINARY;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;
import org.tributary.system.server.OwnServer;

/**
 * One writer per database: a second server on the same PostgreSQL database refuses to write (and
 * says so) while the first holds the writer lease, and takes over, continuing the offsets, once the
 * first has stopped.
 */
class SingleWriterPostgreSqlIT {

  /** A short lease, so that the take-over does not wait long if the first server dies. */
  private static final String OPTIONS =
      System.getProperty("test.server.options") + " -Dtributary.writer.lease-ms=4000";

  private static final String REFUSAL = "refuses writes and reports not ready";

  private final OwnServer first = OwnPostgreSqlServers.first();
  private final OwnServer second = OwnPostgreSqlServers.second();
  private final TributaryHttp firstHttp = new TributaryHttp(first.url());
  private final TributaryHttp secondHttp = new TributaryHttp(second.url());

  @AfterEach
  void stopServers() throws Exception {
    second.stop();
    first.stop();
  }

  @Test
  void aSecondServerRefusesToWriteUntilTheFirstStopsThenContinuesItsOffsets() throws Exception {
    first.fresh().start(OPTIONS, OwnPostgreSqlServers.environment());
    String topic = TributaryHttp.uniqueTopic("single-writer");
    List<Long> before = Fixtures.produce(firstHttp, topic, 0, "a", "b", "c");

    second.fresh().start(OPTIONS, OwnPostgreSqlServers.environmentNotReady());
    // Not ready while it deploys, then not ready because it is not the writer.
    Answer ready =
        Fixtures.await(
            "the second server deployed",
            Duration.ofSeconds(240),
            () ->
                Optional.of(secondHttp.anonymous().get("/health/ready"))
                    .filter(
                        answer -> answer.body().contains("another server holds the writer lease")));
    assertEquals(503, ready.status(), ready::toString);
    Fixtures.await(
        "the second server answers",
        Duration.ofSeconds(240),
        () -> Optional.of(true).filter(x -> secondHttp.get("/topics").status() == 200));
    Answer refused = produceOne(secondHttp, topic);
    assertEquals(503, refused.status(), refused::toString);
    assertEquals(50301, refused.errorCode(), refused::toString);
    assertEquals(
        Optional.of("1"),
        refused.response().headers().firstValue("Retry-After"),
        "a standby's refusal says when to retry");
    assertEquals(List.of(before.get(2) + 1), Fixtures.produce(firstHttp, topic, 0, "d"));
    Fixtures.pause(3_000); // renewals come and go: the refusal is still said once
    assertEquals(1, refusalsLogged(), "one clear line in the second server's log");

    first.stop();
    Fixtures.await(
        "the second server takes over",
        Duration.ofSeconds(60),
        () ->
            Optional.of(true)
                .filter(x -> secondHttp.anonymous().get("/health/ready").status() == 200));
    assertEquals(
        List.of(before.get(2) + 2),
        Fixtures.produce(secondHttp, topic, 0, "e"),
        "the second server continues after the first's last offset");
  }

  private static Answer produceOne(TributaryHttp http, String topic) {
    return http.post(
        "/topics/" + topic + "/partitions/0",
        BINARY,
        "{\"records\":[{\"value\":\"" + TributaryHttp.base64("x") + "\"}]}");
  }

  private long refusalsLogged() throws Exception {
    try (var lines = Files.lines(second.work().resolve("server.log"))) {
      return lines.filter(line -> line.contains(REFUSAL)).count();
    }
  }
}
