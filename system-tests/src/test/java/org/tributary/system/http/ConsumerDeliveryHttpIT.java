package org.tributary.system.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.Fixtures.createTopic;
import static org.tributary.system.Fixtures.produce;
import static org.tributary.system.TributaryHttp.BINARY;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;
import org.tributary.system.V2Consumer;

/** Records a v2 poll has read reach their client, or are read again: never lost. */
class ConsumerDeliveryHttpIT {

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  @Test
  void recordsOfAResponseTheClientNeverReadAreNotCommittedAndComeAgain() throws Exception {
    String topic = uniqueTopic("undelivered");
    createTopic(http, topic, 1);
    // About 32 MB of JSON: far more than the connection's buffers hold (on loopback the kernel's
    // send and receive buffers and the server's write queue take about 10 MB before a client's
    // reset arrives), so writing fails however slowly the client's abort is scheduled.
    String value = "x".repeat(600_000);
    for (int i = 0; i < 40; i++) {
      produce(http, topic, 0, value);
    }
    String group = uniqueTopic("undelivered-group");
    try (V2Consumer consumer =
        V2Consumer.create(
            http,
            group,
            "reader",
            "\"format\":\"binary\",\"auto.offset.reset\":\"earliest\","
                + "\"auto.commit.enable\":\"true\"")) {
      consumer.subscribe(topic);
      assertEquals("200", abortAfterHeaders(consumer.base() + "/records?timeout=5000"));

      consumer.commitAll();
      assertEquals(
          0L,
          consumer.committed(topic, 0).getOrDefault(0, 0L),
          "a commit of everything returned covers none of the records never written");

      List<JsonObject> again = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (again.isEmpty() && System.nanoTime() < deadline) {
        again.addAll(consumer.poll(1000).getValuesAs(JsonObject.class));
      }
      assertTrue(!again.isEmpty(), "the unwritten records come again");
      assertEquals(0L, again.get(0).getJsonNumber("offset").longValue());
    }
  }

  @Test
  void manyConcurrentLongPollsEachReturnTheRecordTheyRead() {
    String topic = uniqueTopic("many-polls");
    createTopic(http, topic, 1);
    produce(http, topic, 0, "only");
    int count = 300;
    List<V2Consumer> consumers = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        // Each waits for more than there is, after reading the one record in its first round.
        V2Consumer consumer =
            V2Consumer.create(
                http,
                uniqueTopic("many-polls-group"),
                "c" + i,
                "\"format\":\"binary\",\"auto.offset.reset\":\"earliest\","
                    + "\"fetch.min.bytes\":\"1000000\"");
        consumer.subscribe(topic);
        consumers.add(consumer);
      }
      // HTTP/1.1: a connection per poll, all waiting at once.
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
      for (V2Consumer consumer : consumers) {
        polls.add(
            client.sendAsync(
                http.request(consumer.base() + "/records?timeout=2000")
                    .header("Accept", BINARY)
                    .timeout(Duration.ofSeconds(60))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      List<String> failures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        HttpResponse<String> response = polls.get(i).orTimeout(90, TimeUnit.SECONDS).join();
        Answer answer = new Answer(response.statusCode(), response.body(), response);
        if (answer.status() != 200 || answer.array().size() != 1) {
          failures.add("c" + i + ": " + answer);
        }
      }
      assertEquals(List.of(), failures);
    } finally {
      consumers.forEach(V2Consumer::close);
    }
  }

  /**
   * Sends a GET, reads the status line and headers only, then resets the connection (a client that
   * crashed or went away); answers the status code.
   */
  private String abortAfterHeaders(String path) throws IOException {
    URI base = URI.create(http.baseUrl());
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(4096);
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
      socket.setSoTimeout(30_000);
      String credentials =
          Base64.getEncoder()
              .encodeToString(
                  ("admin:" + TributaryHttp.adminPassword()).getBytes(StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: "
                  + base.getHost()
                  + ":"
                  + base.getPort()
                  + "\r\nAuthorization: Basic "
                  + credentials
                  + "\r\nAccept: "
                  + BINARY
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.US_ASCII).contains("\r\n\r\n")
          && head.size() < 65_536) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.write(b);
      }
      socket.setSoLinger(true, 0);
      String status = head.toString(StandardCharsets.US_ASCII);
      return status.length() >= 12 ? status.substring(9, 12) : status;
    }
  }
}
