package org.tributary.system.server.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tributary.system.TributaryHttp.APPLICATION_JSON;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tributary.indoubt.InDoubtSendsResource;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.V2Consumer;
import org.tributary.system.server.OwnServer;

/**
 * A crash between prepare and commit of a transaction that sends and writes to a second resource:
 * the send's branch stays prepared (in doubt). After a restart on the same data the transaction log
 * makes the coordinator finish what it decided (commit), so the broker starts and the record is
 * there. The WAR is the real one plus a test-only resource ({@code org.tributary.indoubt}) that
 * halts the JVM inside the second resource's commit.
 */
class InDoubtRecoveryPostgreSqlIT {

  private final Path build = Path.of(System.getProperty("postgresql.own.dir"), "in-doubt-build");
  private final OwnServer server = OwnPostgreSqlServers.first(build.resolve("target").toString());
  private final Path work = server.work();
  private final TributaryHttp http = new TributaryHttp(server.url());

  @AfterEach
  void stopServer() throws Exception {
    server.stop();
  }

  @Test
  void aBranchInDoubtAfterACrashIsResolvedAtRestartAndTheBrokerStarts() throws Exception {
    buildWarWithHaltingTransaction();
    server
        .fresh()
        .start(System.getProperty("test.server.options"), OwnPostgreSqlServers.environment());
    String topic = TributaryHttp.uniqueTopic("in-doubt");
    Fixtures.createTopic(http, topic, 1);
    assertEquals(List.of(0L), Fixtures.produce(http, topic, 0, "before"));

    long pid = Long.parseLong(Files.readString(work.resolve("server.pid")).trim());
    assertThrows(
        UncheckedIOException.class,
        () -> http.post("/in-doubt-test/" + topic, APPLICATION_JSON, ""),
        "the server halts in the middle of the two-phase commit");
    ProcessHandle.of(pid)
        .ifPresent(process -> process.onExit().orTimeout(60, TimeUnit.SECONDS).join());
    assertEquals(1, preparedTransactions(), "the send's branch was left prepared");

    server.start(System.getProperty("test.server.options"), OwnPostgreSqlServers.environment());
    assertEquals(0, preparedTransactions(), "recovery resolved the branch");
    assertEquals(List.of(1L), Fixtures.produce(http, topic, 0, "after"));
    V2Consumer consumer = V2Consumer.earliest(http, TributaryHttp.uniqueTopic("g"), "reader");
    try {
      consumer.assign(topic, 0);
      List<String> values = new ArrayList<>();
      for (JsonObject record : consumer.pollUntil(2)) {
        values.add(
            new String(
                Base64.getDecoder().decode(record.getString("value")), StandardCharsets.UTF_8));
      }
      assertEquals(List.of("before", "after"), values);
    } finally {
      consumer.delete();
    }
  }

  /** A copy of micro/target whose WAR holds the test-only resource as well. */
  private void buildWarWithHaltingTransaction() throws IOException {
    Path target = build.resolve("target");
    Path scripts = build.resolve("src/main/scripts");
    Files.createDirectories(target);
    Files.createDirectories(scripts);
    Path micro = Path.of(System.getProperty("micro.target"));
    linkTo(target.resolve("payara-micro.jar"), micro.resolve("payara-micro.jar"));
    linkTo(scripts.resolve("run-micro.sh"), micro.resolve("../src/main/scripts/run-micro.sh"));
    ShrinkWrap.createFromZipFile(WebArchive.class, micro.resolve("tributary.war").toFile())
        .addPackage(InDoubtSendsResource.class.getPackage())
        .as(ZipExporter.class)
        .exportTo(target.resolve("tributary.war").toFile(), true);
  }

  private static void linkTo(Path link, Path to) throws IOException {
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, to.toAbsolutePath().normalize());
  }

  /** The transactions prepared and not yet resolved in the database. */
  private static int preparedTransactions() throws SQLException {
    try (Connection connection = OwnPostgreSqlServers.connect();
        Statement query = connection.createStatement();
        ResultSet count =
            query.executeQuery(
                "SELECT COUNT(*) FROM pg_prepared_xacts WHERE database = current_database()")) {
      count.next();
      return count.getInt(1);
    }
  }
}
