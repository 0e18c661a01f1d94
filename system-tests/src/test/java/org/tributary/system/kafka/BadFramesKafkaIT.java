package org.tributary.system.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.SaslAuthenticateResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What no stock client sends, on raw sockets: each bad connection gets Kafka's error or is closed,
 * the server logs one line for it (never a stack trace), and a healthy client on another connection
 * goes on undisturbed. With {@code kafka.server.log} naming the server's log, the lines are
 * counted.
 */
class BadFramesKafkaIT {

  private static final Duration CLOSE_WITHIN = Duration.ofSeconds(15);
  private static final String CLOSED = "Kafka connection ";

  private static Admin healthy;
  private final ServerLog log = ServerLog.of();

  @BeforeAll
  static void openHealthyClient() throws Exception {
    healthy = KafkaClients.admin();
    healthy.describeCluster().nodes().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void closeHealthyClient() {
    healthy.close(Duration.ofSeconds(10));
  }

  @BeforeEach
  void markLog() throws IOException {
    if (log != null) {
      log.mark();
    }
  }

  @AfterEach
  void theHealthyClientIsUnaffected() throws Exception {
    assertEquals(
        0, healthy.describeCluster().nodes().get(30, TimeUnit.SECONDS).iterator().next().id());
    healthy.listTopics().names().get(30, TimeUnit.SECONDS);
  }

  @Test
  void aFrameCutShortWaitsForItsRestAndTheClientClosingIsLoggedOnce() throws Exception {
    try (RawKafkaConnection raw = new RawKafkaConnection()) {
      raw.sendRaw(ByteBuffer.allocate(14).putInt(100).put(new byte[10]).array());
      assertFalse(raw.closedByServer(Duration.ofSeconds(1)), "the rest may still come");
      theHealthyClientIsUnaffected();
    }
    loggedOnce("in the middle of a frame");
  }

  @Test
  void aFrameLargerThanAllowedBeforeAuthenticationClosesTheConnection() throws Exception {
    try (RawKafkaConnection raw = new RawKafkaConnection()) {
      raw.sendRaw(ByteBuffer.allocate(1004).putInt(1_000_000).array());
      assertTrue(raw.closedByServer(CLOSE_WITHIN));
    }
    loggedOnce("sasl.server.max.receive.size");
  }

  @Test
  void aFrameLargerThanSocketRequestMaxBytesClosesTheConnectionUnbuffered() throws Exception {
    int max = Integer.getInteger("kafka.socket.request.max.bytes", 104_857_600);
    try (RawKafkaConnection raw = new RawKafkaConnection()) {
      SaslAuthenticateResponse signedIn =
          raw.signIn(KafkaClients.ADMIN, KafkaClients.password(KafkaClients.ADMIN));
      assertEquals(Errors.NONE, signedIn.error());
      raw.sendRaw(ByteBuffer.allocate(1004).putInt(max + 1).array());
      assertTrue(raw.closedByServer(CLOSE_WITHIN));
    }
    loggedOnce("socket.request.max.bytes");
  }

  @Test
  void anUnknownApiKeyClosesTheConnection() throws Exception {
    try (RawKafkaConnection raw = new RawKafkaConnection()) {
      // api key 999, version 0, correlation 1, client id null
      raw.sendRaw(
          RawKafkaConnection.frame(
              ByteBuffer.allocate(10)
                  .putShort((short) 999)
                  .putShort((short) 0)
                  .putInt(1)
                  .putShort((short) -1)
                  .array()));
      assertTrue(raw.closedByServer(CLOSE_WITHIN));
    }
    loggedOnce("not a Kafka request");
  }

  @Test
  void aVersionNoKafkaKnowsClosesTheConnection() throws Exception {
    try (RawKafkaConnection raw = new RawKafkaConnection()) {
      // Metadata v99 (header v2: a null client id, no tagged fields)
      raw.sendRaw(
          RawKafkaConnection.frame(
              ByteBuffer.allocate(16)
                  .putShort(ApiKeys.METADATA.id)
                  .putShort((short) 99)
                  .putInt(1)
                  .putShort((short) -1)
                  .put((byte) 0)
                  .array()));
      assertTrue(raw.closedByServer(CLOSE_WITHIN));
    }
    loggedOnce(CLOSED);
  }

  @Test
  void aVersionKafkaKnowsButThisBrokerDoesNotServeClosesTheConnection() throws Exception {
    short newest = ApiKeys.METADATA.latestVersion();
    assumeTrue(newest > 12, "kafka-clients knows no Metadata version beyond those served");
    try (RawKafkaConnection raw = new RawKafkaConnection()) {
      raw.signIn(KafkaClients.ADMIN, KafkaClients.password(KafkaClients.ADMIN));
      raw.send(new MetadataRequest.Builder(new MetadataRequestData()).build(newest));
      assertTrue(raw.closedByServer(CLOSE_WITHIN));
    }
    loggedOnce("is not served");
  }

  @Test
  void aTooNewApiVersionsIsAnsweredUnsupportedWithTheVersionsServed() throws Exception {
    try (RawKafkaConnection raw = new RawKafkaConnection()) {
      short tooNew = (short) (ApiKeys.API_VERSIONS.latestVersion() + 10);
      // The header alone (v2: a null client id, no tagged fields): a broker reads no further.
      raw.sendRaw(
          RawKafkaConnection.frame(
              ByteBuffer.allocate(11)
                  .putShort(ApiKeys.API_VERSIONS.id)
                  .putShort(tooNew)
                  .putInt(7)
                  .putShort((short) -1)
                  .put((byte) 0)
                  .array()));
      // Kafka answers a version it does not know in ApiVersions v0's shape.
      ApiVersionsResponse answer =
          (ApiVersionsResponse) raw.receive(ApiKeys.API_VERSIONS, (short) 0, 7);
      assertEquals(Errors.UNSUPPORTED_VERSION.code(), answer.data().errorCode());
      assertTrue(answer.data().apiKeys().find(ApiKeys.API_VERSIONS.id).maxVersion() >= 3);
      assertFalse(raw.closedByServer(Duration.ofMillis(500)), "the client may retry");
    }
    if (log != null) {
      assertEquals(0, log.count(CLOSED), log.sinceMark());
    }
  }

  @Test
  void garbageBytesCloseTheConnection() throws Exception {
    try (RawKafkaConnection raw = new RawKafkaConnection()) {
      raw.sendRaw("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertTrue(raw.closedByServer(CLOSE_WITHIN));
    }
    loggedOnce(CLOSED);
    if (log != null) {
      log.mark();
    }
    try (RawKafkaConnection raw = new RawKafkaConnection()) {
      raw.sendRaw(RawKafkaConnection.frame(new byte[] {0, 18, 0}));
      assertTrue(raw.closedByServer(CLOSE_WITHIN));
    }
    loggedOnce("not a Kafka request");
  }

  @Test
  void aRequestBeforeAuthenticationClosesTheConnection() throws Exception {
    try (RawKafkaConnection raw = new RawKafkaConnection()) {
      raw.send(new MetadataRequest.Builder(new MetadataRequestData()).build((short) 12));
      assertTrue(raw.closedByServer(CLOSE_WITHIN));
    }
    loggedOnce("before SASL authentication");
  }

  @Test
  void aWrongPasswordIsAnsweredWithKafkasErrorThenTheConnectionCloses() throws Exception {
    try (RawKafkaConnection raw = new RawKafkaConnection()) {
      // A name of its own: the sign-in throttle counts wrong passwords per name and address.
      SaslAuthenticateResponse refused =
          raw.signIn(KafkaClients.uniqueTopic("nobody"), "not-the-password");
      assertEquals(Errors.SASL_AUTHENTICATION_FAILED, refused.error());
      assertTrue(
          refused.data().errorMessage().contains("invalid username or password"),
          refused.data()::errorMessage);
      assertTrue(raw.closedByServer(CLOSE_WITHIN));
    }
    loggedOnce("invalid username or password");
  }

  /**
   * Clients that pipeline requests and never read their responses: the server stops reading them
   * (their writes block once the kernel's buffers are full) instead of answering into memory
   * without bound, and as many of them as there are request handlers stall none of those.
   */
  @Test
  void clientsThatNeverReadAreNoLongerReadAndHoldNoThread() throws Exception {
    byte[] request = apiVersionsFrame();
    ByteBuffer many = ByteBuffer.allocate(request.length * 1000);
    while (many.remaining() >= request.length) {
      many.put(request);
    }
    many.flip();
    long limit = 64L << 20;
    List<SocketChannel> stalled = new ArrayList<>();
    try {
      // One more than the request handlers of a server with Kafka's default num.io.threads.
      for (int i = 0; i < 9; i++) {
        SocketChannel channel = SocketChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, 65536);
        String[] bootstrap = KafkaClients.bootstrap().split(":");
        channel.connect(new InetSocketAddress(bootstrap[0], Integer.parseInt(bootstrap[1])));
        channel.configureBlocking(false);
        stalled.add(channel);
        long written = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long blockedSince = 0;
        boolean blocked = false;
        ByteBuffer chunk = many.duplicate();
        while (written < limit && System.nanoTime() < deadline) {
          if (!chunk.hasRemaining()) {
            chunk.rewind();
          }
          int wrote = channel.write(chunk);
          written += wrote;
          if (wrote > 0) {
            blockedSince = 0;
          } else if (blockedSince == 0) {
            blockedSince = System.nanoTime();
          } else if (System.nanoTime() - blockedSince > TimeUnit.SECONDS.toNanos(1)) {
            blocked = true;
            break;
          } else {
            Thread.sleep(50);
          }
        }
        assertTrue(
            blocked, "the server stopped reading connection " + i + " after " + written + " bytes");
      }
      theHealthyClientIsUnaffected();
    } finally {
      for (SocketChannel channel : stalled) {
        channel.close();
      }
    }
    if (log != null) {
      String since = log.sinceMark();
      assertFalse(since.contains("\tat "), "no stack trace: " + since);
      assertTrue(log.count(CLOSED) <= stalled.size(), since);
    }
  }

  private static byte[] apiVersionsFrame() {
    ByteBuffer body =
        new ApiVersionsRequest.Builder()
            .build((short) 3)
            .serializeWithHeader(new RequestHeader(ApiKeys.API_VERSIONS, (short) 3, "stall", 1));
    byte[] bytes = new byte[body.remaining()];
    body.get(bytes);
    return RawKafkaConnection.frame(bytes);
  }

  /** The server logged {@code text} once, as the only line about a Kafka connection. */
  private void loggedOnce(String text) throws Exception {
    if (log == null) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (log.count(text) == 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    Thread.sleep(300);
    String since = log.sinceMark();
    assertEquals(1, log.count(text), "logged once: " + text + " in\n" + since);
    assertEquals(1, log.count(CLOSED), "one line about Kafka connections in\n" + since);
    assertFalse(since.contains("\tat "), "no stack trace in\n" + since);
  }
}
