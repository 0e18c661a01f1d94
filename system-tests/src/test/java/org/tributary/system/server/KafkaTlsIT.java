package org.tributary.system.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tributary.system.kafka.KafkaClients;
import org.tributary.system.kafka.RawKafkaConnection;

/**
 * The Kafka listener with a keystore is SASL_SSL: a stock client that trusts the server's own
 * certificate signs in over TLS, a plaintext one is refused. The same server holds the listener's
 * bounds small ({@code max.connections}, {@code connections.max.idle.ms}) to show them at work. The
 * keystore's password reaches neither the command line nor the log.
 */
class KafkaTlsIT {

  private static final String KEYSTORE_PASSWORD = "kafka-tls-test-keystore";
  private static final int MAX_CONNECTIONS = 4;

  private static final Path WORK =
      Path.of(System.getProperty("crash.test.dir")).resolveSibling("kafka-tls");
  private static final int PORT = Integer.parseInt(System.getProperty("crash.test.port"));
  private static final int KAFKA_PORT =
      Integer.parseInt(System.getProperty("crash.test.kafka.port"));
  private static final OwnServer SERVER = new OwnServer(WORK, PORT);
  private static Path keystore;

  @BeforeAll
  static void startServer() throws Exception {
    SERVER.fresh();
    Files.createDirectories(WORK);
    keystore = WORK.resolve("kafka-keystore.p12");
    OwnServer.run(
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair",
            "-alias",
            "kafka",
            "-keyalg",
            "RSA",
            "-keysize",
            "2048",
            "-validity",
            "2",
            "-dname",
            "CN=localhost",
            "-ext",
            "SAN=dns:localhost,ip:127.0.0.1",
            "-storetype",
            "PKCS12",
            "-keystore",
            keystore.toString(),
            "-storepass",
            KEYSTORE_PASSWORD));
    SERVER.start(
        System.getProperty("test.server.options", "")
            + " -Dtributary.kafka.listener=127.0.0.1:"
            + KAFKA_PORT
            + " -Dtributary.kafka.ssl.keystore.location="
            + keystore
            + " -Dmax.connections="
            + MAX_CONNECTIONS
            + " -Dconnections.max.idle.ms=3000",
        Map.of("TRIBUTARY_KAFKA_SSL_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD));
  }

  @AfterAll
  static void stopServer() throws Exception {
    SERVER.stop();
  }

  @Test
  void aStockClientSignsInOverSaslSslTrustingTheServersCertificate() throws Exception {
    try (Admin admin = Admin.create(sslClient())) {
      Node node = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).iterator().next();
      assertEquals(KAFKA_PORT, node.port());
    }
    String log = Files.readString(WORK.resolve("server.log"));
    assertTrue(log.contains("(SASL_SSL, PLAIN"), "the listener says it is SASL_SSL");
    Path process = Path.of("/proc", String.valueOf(SERVER.pid()));
    String commandLine = new String(Files.readAllBytes(process.resolve("cmdline")), UTF_8);
    assertFalse(commandLine.contains(KEYSTORE_PASSWORD), "not on the command line");
    assertFalse(
        new String(Files.readAllBytes(process.resolve("environ")), UTF_8)
            .contains(KEYSTORE_PASSWORD),
        "not in the server's environment");
    assertFalse(log.contains(KEYSTORE_PASSWORD), "not logged");
  }

  @Test
  void aPlaintextClientIsClosedWithOneLineInTheLog() throws Exception {
    long before = Files.size(WORK.resolve("server.log"));
    try (RawKafkaConnection raw = new RawKafkaConnection("127.0.0.1", KAFKA_PORT)) {
      raw.send(new ApiVersionsRequest.Builder().build((short) 3));
      assertTrue(raw.closedByServer(Duration.ofSeconds(15)));
    }
    Thread.sleep(500);
    String since = Files.readString(WORK.resolve("server.log")).substring((int) before);
    assertEquals(1, since.split("Kafka connection ", -1).length - 1, since);
    assertTrue(since.contains("closed: TLS handshake failed"), since);
    assertFalse(since.contains("\tat "), since);
  }

  @Test
  void connectionsBeyondMaxConnectionsAreClosed() throws Exception {
    List<RawKafkaConnection> open = new ArrayList<>();
    try {
      for (int i = 0; i < MAX_CONNECTIONS; i++) {
        open.add(new RawKafkaConnection("127.0.0.1", KAFKA_PORT));
      }
      try (RawKafkaConnection beyond = new RawKafkaConnection("127.0.0.1", KAFKA_PORT)) {
        assertTrue(beyond.closedByServer(Duration.ofSeconds(5)), "one too many");
      }
    } finally {
      for (RawKafkaConnection connection : open) {
        connection.close();
      }
    }
    // Their places are free again.
    try (Admin admin = Admin.create(sslClient())) {
      admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void anIdleConnectionIsClosedAfterConnectionsMaxIdleMs() throws Exception {
    try (RawKafkaConnection idle = new RawKafkaConnection("127.0.0.1", KAFKA_PORT)) {
      long started = System.nanoTime();
      assertTrue(idle.closedByServer(Duration.ofSeconds(15)));
      assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(2_500));
    }
  }

  private static Properties sslClient() {
    Properties config = KafkaClients.common(KafkaClients.ADMIN);
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + KAFKA_PORT);
    config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
    config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, keystore.toString());
    config.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, KEYSTORE_PASSWORD);
    config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
    return config;
  }
}
