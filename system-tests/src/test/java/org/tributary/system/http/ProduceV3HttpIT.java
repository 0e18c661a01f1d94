package org.tributary.system.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.Fixtures.createTopic;
import static org.tributary.system.Fixtures.decode;
import static org.tributary.system.Fixtures.endOffset;
import static org.tributary.system.Fixtures.isClientErrorCode;
import static org.tributary.system.TributaryHttp.APPLICATION_JSON;
import static org.tributary.system.TributaryHttp.base64;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;
import org.tributary.system.V2Consumer;

/** v3 produce ({@code POST /v3/clusters/{c}/topics/{t}/records}) against the running server. */
class ProduceV3HttpIT {

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  /** HTTP/1.1, so that a body without a length goes out chunked. */
  private final HttpClient chunkingClient =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private String records(String topic) {
    return Fixtures.v3(http, "/topics/" + topic + "/records");
  }

  private static JsonObject data(String type, String data) {
    return Json.createObjectBuilder().add("type", type).add("data", data).build();
  }

  private static JsonObject data(String type, JsonValue data) {
    return Json.createObjectBuilder().add("type", type).add("data", data).build();
  }

  private static JsonObject stringValue(int partition, String value) {
    return Json.createObjectBuilder()
        .add("partition_id", partition)
        .add("value", data("STRING", value))
        .build();
  }

  private JsonObject produced(String topic, JsonObject request) {
    Answer answer = http.post(records(topic), APPLICATION_JSON, request.toString());
    assertEquals(200, answer.status(), answer::toString);
    JsonObject report = answer.object();
    assertEquals(200, report.getInt("error_code"), answer::toString);
    return report;
  }

  /** Reads one partition from its start through a binary v2 consumer with manual assignment. */
  private List<JsonObject> readBack(String topic, int partition, int count) {
    try (V2Consumer consumer = V2Consumer.earliest(http, uniqueTopic("readback"), "reader")) {
      consumer.assign(topic, partition);
      return consumer.pollUntil(count);
    }
  }

  @Test
  void binaryKeyValueHeadersPartitionAndTimestampAreReportedAndReadBackAsSent() {
    String topic = uniqueTopic("v3-produce");
    createTopic(http, topic, 3);
    Instant timestamp = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(5);

    JsonObject report =
        produced(
            topic,
            Json.createObjectBuilder()
                .add("partition_id", 2)
                .add(
                    "headers",
                    Json.createArrayBuilder()
                        .add(
                            Json.createObjectBuilder()
                                .add("name", "trace")
                                .add("value", base64("abc")))
                        .add(
                            Json.createObjectBuilder()
                                .add("name", "origin")
                                .add("value", base64("test"))))
                .add("key", data("BINARY", base64("key-1")))
                .add("value", data("BINARY", base64("value-1")))
                .add("timestamp", timestamp.toString())
                .build());

    assertEquals(Fixtures.clusterId(http), report.getString("cluster_id"), report::toString);
    assertEquals(topic, report.getString("topic_name"), report::toString);
    assertEquals(2, report.getInt("partition_id"), report::toString);
    assertEquals(0, report.getJsonNumber("offset").longValue(), report::toString);
    assertEquals(timestamp, Fixtures.instant(report.get("timestamp")), report::toString);
    assertEquals("BINARY", report.getJsonObject("key").getString("type"), report::toString);
    assertEquals(5, report.getJsonObject("key").getInt("size"), report::toString);
    assertEquals("BINARY", report.getJsonObject("value").getString("type"), report::toString);
    assertEquals(7, report.getJsonObject("value").getInt("size"), report::toString);

    JsonObject record = readBack(topic, 2, 1).get(0);
    assertEquals(0, record.getJsonNumber("offset").longValue(), record::toString);
    assertEquals("key-1", decode(record.getString("key")), record::toString);
    assertEquals("value-1", decode(record.getString("value")), record::toString);
    assertEquals(timestamp, Fixtures.instant(record.get("timestamp")), record::toString);
    assertEquals(
        Json.createArrayBuilder()
            .add(Json.createObjectBuilder().add("name", "trace").add("value", base64("abc")))
            .add(Json.createObjectBuilder().add("name", "origin").add("value", base64("test")))
            .build(),
        record.getJsonArray("headers"),
        record::toString);
  }

  @Test
  void stringAndJsonKeysAndValuesAreStoredAsTheirBytes() {
    String topic = uniqueTopic("v3-types");
    createTopic(http, topic, 3);
    JsonObject jsonValue =
        Json.createObjectBuilder()
            .add("a", Json.createArrayBuilder().add(1).add(2))
            .add("b", "ü")
            .build();

    JsonObject first =
        produced(
            topic,
            Json.createObjectBuilder()
                .add("partition_id", 0)
                .add("key", data("STRING", "kå"))
                .add("value", data("JSON", jsonValue))
                .build());
    JsonObject second =
        produced(
            topic,
            Json.createObjectBuilder()
                .add("partition_id", 0)
                .add("key", data("JSON", Json.createValue(42)))
                .add("value", data("STRING", "plain"))
                .build());

    assertEquals("STRING", first.getJsonObject("key").getString("type"), first::toString);
    assertEquals(3, first.getJsonObject("key").getInt("size"), "kå is 3 bytes in UTF-8");
    assertEquals("JSON", first.getJsonObject("value").getString("type"), first::toString);
    assertEquals("JSON", second.getJsonObject("key").getString("type"), second::toString);
    assertEquals(2, second.getJsonObject("key").getInt("size"), second::toString);
    assertEquals(5, second.getJsonObject("value").getInt("size"), second::toString);
    assertEquals(
        first.getJsonNumber("offset").longValue() + 1,
        second.getJsonNumber("offset").longValue(),
        second::toString);

    List<JsonObject> read = readBack(topic, 0, 2);
    assertEquals("kå", decode(read.get(0).getString("key")));
    String storedJson = decode(read.get(0).getString("value"));
    assertEquals(
        jsonValue, Json.createReader(new StringReader(storedJson)).readObject(), storedJson);
    assertEquals(
        storedJson.getBytes(StandardCharsets.UTF_8).length,
        first.getJsonObject("value").getInt("size"),
        "the reported size is the stored size");
    assertEquals("42", decode(read.get(1).getString("key")));
    assertEquals("plain", decode(read.get(1).getString("value")));
  }

  @Test
  void withoutAPartitionIdAKeyedRecordGoesWhereKafkaWouldPutIt() {
    String topic = uniqueTopic("v3-keys");
    createTopic(http, topic, 3);
    for (String key : List.of("alpha", "beta", "gamma", "delta", "epsilon", "zeta")) {
      JsonObject report =
          produced(
              topic,
              Json.createObjectBuilder()
                  .add("key", data("STRING", key))
                  .add("value", data("STRING", "v"))
                  .build());
      int expected = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 3;
      assertEquals(expected, report.getInt("partition_id"), key);
    }
  }

  @Test
  void aRecordWithoutATimestampGetsTheTimeOfAppend() {
    String topic = uniqueTopic("v3-now");
    createTopic(http, topic, 1);
    Instant before = Instant.now();
    JsonObject report = produced(topic, stringValue(0, "now"));
    Instant after = Instant.now();

    Instant timestamp = Fixtures.instant(report.get("timestamp"));
    assertFalse(timestamp.isBefore(before.minusSeconds(5)), report::toString);
    assertFalse(timestamp.isAfter(after.plusSeconds(5)), report::toString);
  }

  @Test
  void streamedObjectsGetOneDeliveryReportEachInOrderWithConsecutiveOffsets() {
    String topic = uniqueTopic("v3-stream");
    createTopic(http, topic, 3);
    String body =
        stringValue(1, "one").toString()
            + stringValue(1, "two").toString()
            + stringValue(1, "three").toString();

    List<JsonObject> reports = stream(topic, body);

    assertEquals(3, reports.size(), reports::toString);
    for (int i = 0; i < 3; i++) {
      JsonObject report = reports.get(i);
      assertEquals(200, report.getInt("error_code"), reports::toString);
      assertEquals(1, report.getInt("partition_id"), reports::toString);
      assertEquals(i, report.getJsonNumber("offset").longValue(), reports::toString);
    }
    List<JsonObject> read = readBack(topic, 1, 3);
    assertEquals(List.of("one", "two", "three"), read.stream().map(Fixtures::value).toList());
  }

  @Test
  void aRecordStampedInTheYear9999IsRefusedAsKafkaDoesAndNothingIsAppended() {
    String topic = uniqueTopic("v3-future");
    createTopic(http, topic, 1);
    Answer config =
        http.get(Fixtures.v3(http, "/topics/" + topic + "/configs/message.timestamp.after.max.ms"));
    assertEquals(200, config.status(), config::toString);
    assertEquals("3600000", config.object().getString("value"), "Kafka 4's default: an hour");
    JsonObject future =
        Json.createObjectBuilder()
            .add("partition_id", 0)
            .add("value", data("STRING", "from the future"))
            .add("timestamp", "9999-12-31T23:59:59Z")
            .build();

    Answer refused = http.post(records(topic), APPLICATION_JSON, future.toString());

    Fixtures.assertRefused(422, 42221, refused);
    assertTrue(
        refused.object().getString("message").contains("message.timestamp.after.max.ms"),
        refused::toString);
    assertEquals(0, endOffset(http, topic, 0), "nothing of the request was appended");
  }

  @Test
  void aBadObjectInAStreamGetsAnErrorReportAndTheOthersAreAppended() {
    String topic = uniqueTopic("v3-stream-bad");
    createTopic(http, topic, 3);
    JsonObject bad =
        Json.createObjectBuilder()
            .add("partition_id", 1)
            .add("value", data("BINARY", "***not base64***"))
            .build();
    String body = stringValue(1, "one").toString() + "\n" + bad + "\n" + stringValue(1, "three");

    List<JsonObject> reports = stream(topic, body);

    assertEquals(3, reports.size(), reports::toString);
    assertEquals(200, reports.get(0).getInt("error_code"), reports::toString);
    assertEquals(0, reports.get(0).getJsonNumber("offset").longValue(), reports::toString);
    assertTrue(isClientErrorCode(reports.get(1).getInt("error_code")), reports::toString);
    assertFalse(reports.get(1).getString("message").isBlank(), reports::toString);
    assertEquals(200, reports.get(2).getInt("error_code"), reports::toString);
    assertEquals(1, reports.get(2).getJsonNumber("offset").longValue(), reports::toString);
    assertEquals(2, endOffset(http, topic, 1));
    assertEquals(
        List.of("one", "three"), readBack(topic, 1, 2).stream().map(Fixtures::value).toList());
  }

  /**
   * One record in a chunked body, then silence: at the HTTP listener's read timeout (30 s) the
   * stream ends with an error report, and the thread goes. Over a plain socket, because an HTTP
   * client library answers only once it has sent the whole body.
   */
  @Test
  void aStreamThatGoesQuietIsEndedWithAnErrorReportAtTheReadTimeout() throws Exception {
    String topic = uniqueTopic("v3-stream-idle");
    byte[] first = stringValue(0, "one").toString().getBytes(StandardCharsets.UTF_8);
    URI base = URI.create(http.baseUrl());
    String credentials =
        Base64.getEncoder()
            .encodeToString(
                (TributaryHttp.ADMIN + ":" + TributaryHttp.adminPassword())
                    .getBytes(StandardCharsets.UTF_8));
    long started = System.nanoTime();
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + records(topic)
                  + " HTTP/1.1\r\nHost: "
                  + base.getAuthority()
                  + "\r\nAuthorization: Basic "
                  + credentials
                  + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                  + Integer.toHexString(first.length)
                  + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(first);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();

      String response = readUntilTheResponseEnds(socket.getInputStream());
      assertTrue(response.startsWith("HTTP/1.1 200"), response);
      List<JsonObject> reports =
          Arrays.stream(response.split("\r?\n"))
              .filter(line -> line.startsWith("{"))
              .map(line -> Json.createReader(new StringReader(line)).readObject())
              .toList();
      assertEquals(200, reports.get(0).getInt("error_code"), response);
      JsonObject ended = reports.get(reports.size() - 1);
      assertEquals(50302, ended.getInt("error_code"), response);
      assertTrue(ended.getString("message").contains("read timeout"), response);
    }
    assertTrue(
        System.nanoTime() - started < TimeUnit.SECONDS.toNanos(45),
        "answered at the read timeout, not after the client gave up");
  }

  /** Reads a chunked response up to its error report (or its end, or the connection's). */
  private static String readUntilTheResponseEnds(InputStream in) throws IOException {
    StringBuilder response = new StringBuilder();
    byte[] buffer = new byte[4096];
    int n;
    while (!response.toString().matches("(?s).*\"error_code\":50302.*\n.*")
        && !response.toString().contains("\r\n0\r\n\r\n")
        && (n = in.read(buffer)) > 0) {
      response.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
    }
    return response.toString();
  }

  private static List<JsonObject> lines(String body) {
    return Arrays.stream(body.split("\n"))
        .filter(line -> !line.isBlank())
        .map(line -> Json.createReader(new StringReader(line)).readObject())
        .toList();
  }

  /** Sends {@code body} chunked (no Content-Length) and answers the delivery reports, by line. */
  private List<JsonObject> stream(String topic, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        http.request(records(topic))
            .header("Content-Type", APPLICATION_JSON)
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
            .build();
    HttpResponse<String> response;
    try {
      response = chunkingClient.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    assertEquals(200, response.statusCode(), response::body);
    return lines(response.body());
  }
}
