package org.tributary.system.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HTTPS as the README describes it: a server started with TRIBUTARY_HTTPS_PORT and a PKCS12
 * keystore of its own serves the API over TLS with that certificate, so credentials never cross a
 * network in the clear. Neither the keystore's nor any user's password (right or wrong) reaches the
 * server's log.
 */
class TlsIT {

  private static final String KEYSTORE_PASSWORD = "tls-test-keystore";

  private final Path work = Path.of(System.getProperty("crash.test.dir")).resolveSibling("tls");
  private final int port = Integer.parseInt(System.getProperty("crash.test.port"));
  private final int httpsPort = port + 1;
  private final OwnServer server = new OwnServer(work, port);

  @AfterEach
  void stopServer() throws Exception {
    server.stop();
  }

  @Test
  void theApiAnswersOverHttpsWithTheProvidedCertificateOnly() throws Exception {
    server.fresh();
    Files.createDirectories(work);
    Path keystore = work.resolve("keystore.p12");
    OwnServer.run(
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair",
            "-alias",
            "tributary",
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
    server.start(
        System.getProperty("test.server.options", ""),
        Map.of(
            "TRIBUTARY_HTTPS_PORT", String.valueOf(httpsPort),
            "TRIBUTARY_KEYSTORE", keystore.toString(),
            "TRIBUTARY_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD));

    HttpClient trusting =
        HttpClient.newBuilder()
            .sslContext(trusting(keystore))
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> health = trusting.send(get("/health/ready"), ofString());
    assertEquals(200, health.statusCode(), health::body);
    assertTrue(health.body().contains("UP"), health::body);
    HttpRequest topics =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpsPort + "/topics"))
            .header("Authorization", basic("admin", System.getProperty("console.admin.password")))
            .build();
    assertEquals(200, trusting.send(topics, ofString()).statusCode());

    HttpClient defaultTrust =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    assertThrows(
        SSLHandshakeException.class, () -> defaultTrust.send(get("/health/ready"), ofString()));

    // The keystore's password is in no place another local user or a log could read it.
    Path process = Path.of("/proc", String.valueOf(server.pid()));
    String commandLine = new String(Files.readAllBytes(process.resolve("cmdline")), UTF_8);
    assertTrue(commandLine.contains("payara-micro.jar"), commandLine);
    assertFalse(commandLine.contains(KEYSTORE_PASSWORD), "not on the command line: " + commandLine);
    assertFalse(
        new String(Files.readAllBytes(process.resolve("environ")), UTF_8)
            .contains(KEYSTORE_PASSWORD),
        "not in the server's environment");
    assertFalse(
        Files.readString(work.resolve("server.log")).contains(KEYSTORE_PASSWORD), "not logged");
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpsPort + path)).build();
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A client that trusts exactly the server's own certificate, as its users would. */
  private static SSLContext trusting(Path keystore) throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      trusted.load(in, KEYSTORE_PASSWORD.toCharArray());
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
