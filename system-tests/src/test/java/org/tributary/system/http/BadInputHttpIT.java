package org.tributary.system.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.Fixtures.assertClientError;
import static org.tributary.system.Fixtures.assertProduceRefused;
import static org.tributary.system.Fixtures.assertRefused;
import static org.tributary.system.Fixtures.createTopic;
import static org.tributary.system.Fixtures.endOffset;
import static org.tributary.system.Fixtures.produce;
import static org.tributary.system.TributaryHttp.APPLICATION_JSON;
import static org.tributary.system.TributaryHttp.BINARY;
import static org.tributary.system.TributaryHttp.JSON;
import static org.tributary.system.TributaryHttp.V2;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import jakarta.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;
import org.tributary.system.V2Consumer;

/**
 * Bad requests to every resource family: each is a 4xx with a numeric {@code error_code} and a
 * message, never a 500 and never a stack trace. Where the spec's table names the code, the code is
 * checked too.
 *
 * <p>Paths and bodies name the fixture with placeholders: {@code {t}} a topic with 3 partitions,
 * {@code {g}} a group, {@code {base}} an instance of it that is neither subscribed nor assigned,
 * {@code {assigned}} one assigned partition 0 of {@code {t}}, {@code {c}} {@code /v3/clusters/<this
 * cluster>}, {@code {missing}} a name nothing has.
 */
class BadInputHttpIT {

  /**
   * The server's {@code tributary.http.max-request-bytes}, when the build tells the tests (system
   * property {@code tributary.max-request-bytes}); otherwise the default, 1 MiB.
   */
  private static final int MAX_REQUEST_BYTES =
      Integer.getInteger("tributary.max-request-bytes", 1_048_576);

  private static final TributaryHttp http = TributaryHttp.fromSystemProperty();
  private static String topic;
  private static String group;
  private static String missing;
  private static V2Consumer idle;
  private static V2Consumer assigned;

  @BeforeAll
  static void createFixture() {
    topic = uniqueTopic("bad-input");
    group = uniqueTopic("bad-input-group");
    missing = uniqueTopic("missing");
    createTopic(http, topic, 3);
    produce(http, topic, 0, "x");
    idle = V2Consumer.earliest(http, group, "idle");
    assigned = V2Consumer.earliest(http, group, "assigned");
    assigned.assign(topic, 0);
  }

  @AfterAll
  static void deleteInstances() {
    idle.close();
    assigned.close();
  }

  /**
   * A request that must be refused; {@code codes} are the acceptable {@code error_code}s (any
   * client error when empty), the status follows from the code (40401 → 404, 415 → 415).
   */
  record Bad(
      String what,
      String method,
      String path,
      String contentType,
      String body,
      List<Integer> codes) {
    @Override
    public String toString() {
      return what + ": " + method + " " + path;
    }
  }

  private static Bad bad(
      String what, String method, String path, String contentType, String body, Integer... codes) {
    return new Bad(what, method, path, contentType, body, List.of(codes));
  }

  private static String resolve(String text) {
    return text.replace("{base}", idle.base())
        .replace("{assigned}", assigned.base())
        .replace("{c}", "/v3/clusters/" + Fixtures.clusterId(http))
        .replace("{t}", topic)
        .replace("{g}", group)
        .replace("{missing}", missing);
  }

  private static Answer send(String method, String path, String contentType, String body) {
    String resolvedPath = resolve(path);
    String resolvedBody = body == null ? null : resolve(body);
    return switch (method) {
      case "GET" ->
          resolvedBody == null
              ? http.get(resolvedPath)
              : http.getWithBody(resolvedPath, contentType, resolvedBody);
      case "POST" -> http.post(resolvedPath, contentType, resolvedBody);
      case "PUT" -> http.put(resolvedPath, contentType, resolvedBody);
      case "PATCH" -> http.patch(resolvedPath, contentType, resolvedBody);
      case "DELETE" -> http.delete(resolvedPath);
      default -> throw new IllegalArgumentException(method);
    };
  }

  private static int statusOf(int errorCode) {
    return errorCode < 1000 ? errorCode : errorCode / 100;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({
    "malformedJson",
    "wrongTypes",
    "missingFields",
    "invalidValues",
    "negativeOffsets",
    "partitionsOutOfRange",
    "unknownThings",
    "wrongContentTypes"
  })
  void isRefusedWithAClientErrorCodeAndMessageNeverA500(Bad bad) {
    Answer answer = send(bad.method(), bad.path(), bad.contentType(), bad.body());

    assertClientError(answer);
    if (!bad.codes().isEmpty()) {
      int code = answer.errorCode();
      assertTrue(bad.codes().contains(code), () -> "expected " + bad.codes() + ": " + answer);
      assertEquals(statusOf(code), answer.status(), answer::toString);
    }
  }

  static Stream<Bad> malformedJson() {
    String broken = "{";
    return Stream.of(
        bad("malformed", "POST", "/consumers/{g}", V2, broken, 400),
        bad("malformed", "POST", "{base}/subscription", V2, broken, 400),
        bad("malformed", "POST", "{base}/assignments", V2, broken, 400),
        bad("malformed", "POST", "{assigned}/positions", V2, broken, 400),
        bad("malformed", "POST", "{assigned}/positions/beginning", V2, broken, 400),
        bad("malformed", "POST", "{assigned}/positions/end", V2, broken, 400),
        bad("malformed", "POST", "{assigned}/positions/timestamp", V2, broken, 400),
        bad("malformed", "POST", "{assigned}/offsets", V2, broken, 400),
        bad("malformed", "GET", "{assigned}/offsets", V2, broken, 400),
        bad("malformed", "POST", "/topics/{t}", BINARY, broken, 400),
        bad("malformed", "POST", "/topics/{t}/partitions/0", JSON, broken, 400),
        bad("malformed", "POST", "{c}/topics", APPLICATION_JSON, broken, 400),
        bad("malformed", "PATCH", "{c}/topics/{t}", APPLICATION_JSON, broken, 400),
        bad(
            "malformed",
            "PUT",
            "{c}/topics/{t}/configs/retention.ms",
            APPLICATION_JSON,
            broken,
            400),
        bad("malformed", "POST", "{c}/topics/{t}/configs:alter", APPLICATION_JSON, broken, 400),
        bad("malformed", "POST", "{c}/topics/{t}/records:delete", APPLICATION_JSON, broken, 400),
        bad(
            "malformed",
            "POST",
            "{c}/consumer-groups/{g}/offsets:reset",
            APPLICATION_JSON,
            broken,
            400));
  }

  static Stream<Bad> wrongTypes() {
    return Stream.of(
        bad(
            "partitions_count a string",
            "POST",
            "{c}/topics",
            APPLICATION_JSON,
            "{\"topic_name\":\"{t}-typed\",\"partitions_count\":\"x\"}",
            42200),
        bad(
            "partitions_count a string",
            "PATCH",
            "{c}/topics/{t}",
            APPLICATION_JSON,
            "{\"partitions_count\":\"x\"}",
            42200),
        bad(
            "configs not a list",
            "POST",
            "{c}/topics",
            APPLICATION_JSON,
            "{\"topic_name\":\"{t}-typed2\",\"partitions_count\":1,\"configs\":\"retention.ms\"}",
            42200),
        bad(
            "config value a list",
            "PUT",
            "{c}/topics/{t}/configs/retention.ms",
            APPLICATION_JSON,
            "{\"value\":[\"1\"]}",
            42200),
        bad(
            "data not a list",
            "POST",
            "{c}/topics/{t}/configs:alter",
            APPLICATION_JSON,
            "{\"data\":\"retention.ms\"}",
            42200),
        bad("topics a string", "POST", "{base}/subscription", V2, "{\"topics\":\"{t}\"}", 42200),
        bad(
            "partition a string",
            "POST",
            "{base}/assignments",
            V2,
            "{\"partitions\":[{\"topic\":\"{t}\",\"partition\":\"x\"}]}",
            42200),
        bad(
            "offset a string",
            "POST",
            "{assigned}/positions",
            V2,
            "{\"offsets\":[{\"topic\":\"{t}\",\"partition\":0,\"offset\":\"x\"}]}",
            42200),
        bad(
            "offset a string",
            "POST",
            "{assigned}/offsets",
            V2,
            "{\"offsets\":[{\"topic\":\"{t}\",\"partition\":0,\"offset\":\"x\"}]}",
            42200),
        bad(
            "records not a list",
            "POST",
            "/topics/{t}",
            JSON,
            "{\"records\":{\"value\":1}}",
            42200),
        bad(
            "fetch.min.bytes a word",
            "POST",
            "/consumers/{g}",
            V2,
            "{\"name\":\"typed\",\"fetch.min.bytes\":\"lots\"}",
            42200,
            42204),
        bad(
            "offset a string",
            "POST",
            "{c}/consumer-groups/{g}/offsets:reset",
            APPLICATION_JSON,
            "{\"strategy\":\"to-offset\",\"topic_name\":\"{t}\",\"offset\":\"x\"}",
            42200),
        bad(
            "partitions not a list",
            "POST",
            "{c}/consumer-groups/{g}/offsets:reset",
            APPLICATION_JSON,
            "{\"strategy\":\"to-earliest\",\"topic_name\":\"{t}\",\"partitions\":\"all\"}",
            42200),
        bad(
            "offset a string",
            "POST",
            "{c}/topics/{t}/records:delete",
            APPLICATION_JSON,
            "{\"partitions\":[{\"partition_id\":0,\"offset\":\"x\"}]}",
            42200),
        bad(
            "partitions not a list",
            "POST",
            "{c}/topics/{t}/records:delete",
            APPLICATION_JSON,
            "{\"partitions\":{\"partition_id\":0,\"offset\":0}}",
            42200));
  }

  static Stream<Bad> missingFields() {
    return Stream.of(
        bad(
            "no topic_name",
            "POST",
            "{c}/topics",
            APPLICATION_JSON,
            "{\"partitions_count\":1}",
            42200),
        bad("no partitions_count", "PATCH", "{c}/topics/{t}", APPLICATION_JSON, "{}", 42200),
        bad(
            "no value",
            "PUT",
            "{c}/topics/{t}/configs/retention.ms",
            APPLICATION_JSON,
            "{}",
            42200),
        bad("no data", "POST", "{c}/topics/{t}/configs:alter", APPLICATION_JSON, "{}", 42200),
        bad(
            "no name",
            "POST",
            "{c}/topics/{t}/configs:alter",
            APPLICATION_JSON,
            "{\"data\":[{\"value\":\"1\"}]}",
            42200),
        bad("no topics or pattern", "POST", "{base}/subscription", V2, "{}", 42200),
        bad("no partitions", "POST", "{base}/assignments", V2, "{}", 42200),
        bad("no offsets", "POST", "{assigned}/positions", V2, "{}", 42200),
        bad("no partitions", "POST", "{assigned}/positions/beginning", V2, "{}", 42200),
        bad(
            "no timestamp",
            "POST",
            "{assigned}/positions/timestamp",
            V2,
            "{\"timestamps\":[{\"topic\":\"{t}\",\"partition\":0}]}",
            42200),
        bad("no partitions", "GET", "{assigned}/offsets", V2, "{}", 42200),
        bad("no records", "POST", "/topics/{t}", JSON, "{\"recs\":[]}", 42200),
        bad(
            "no strategy",
            "POST",
            "{c}/consumer-groups/{g}/offsets:reset",
            APPLICATION_JSON,
            "{\"topic_name\":\"{t}\"}",
            42200),
        bad(
            "no topic_name",
            "POST",
            "{c}/consumer-groups/{g}/offsets:reset",
            APPLICATION_JSON,
            "{\"strategy\":\"to-earliest\"}",
            42200),
        bad(
            "no partitions",
            "POST",
            "{c}/topics/{t}/records:delete",
            APPLICATION_JSON,
            "{}",
            42200),
        bad(
            "no offset",
            "POST",
            "{c}/topics/{t}/records:delete",
            APPLICATION_JSON,
            "{\"partitions\":[{\"partition_id\":0}]}",
            42200));
  }

  static Stream<Bad> invalidValues() {
    return Stream.of(
        bad(
            "invalid base64 value",
            "POST",
            "/topics/{t}/partitions/0",
            BINARY,
            "{\"records\":[{\"value\":\"***\"}]}",
            42200),
        bad(
            "invalid base64 key",
            "POST",
            "/topics/{t}/partitions/0",
            BINARY,
            "{\"records\":[{\"key\":\"***\",\"value\":\"eA==\"}]}",
            42200),
        bad(
            "auto.offset.reset sometimes",
            "POST",
            "/consumers/{g}",
            V2,
            "{\"name\":\"bad-reset\",\"auto.offset.reset\":\"sometimes\"}",
            42204),
        bad(
            "format xml",
            "POST",
            "/consumers/{g}",
            V2,
            "{\"name\":\"bad-format\",\"format\":\"xml\"}",
            42204),
        bad(
            "negative instance timeout",
            "POST",
            "/consumers/{g}",
            V2,
            "{\"name\":\"bad-timeout\",\"consumer.instance.timeout.ms\":-1}",
            42204,
            42200),
        bad(
            "topic name with a space",
            "POST",
            "{c}/topics",
            APPLICATION_JSON,
            "{\"topic_name\":\"bad name!\",\"partitions_count\":1}",
            42210),
        bad(
            "zero partitions",
            "POST",
            "{c}/topics",
            APPLICATION_JSON,
            "{\"topic_name\":\"{t}-zero\",\"partitions_count\":0}",
            42211),
        bad(
            "negative partitions",
            "POST",
            "{c}/topics",
            APPLICATION_JSON,
            "{\"topic_name\":\"{t}-negative\",\"partitions_count\":-1}",
            42211),
        bad(
            "fewer partitions",
            "PATCH",
            "{c}/topics/{t}",
            APPLICATION_JSON,
            "{\"partitions_count\":2}",
            42211),
        bad(
            "retention.ms soon",
            "POST",
            "{c}/topics",
            APPLICATION_JSON,
            "{\"topic_name\":\"{t}-config\",\"partitions_count\":1,"
                + "\"configs\":[{\"name\":\"retention.ms\",\"value\":\"soon\"}]}",
            42212),
        bad(
            "retention.ms soon",
            "PUT",
            "{c}/topics/{t}/configs/retention.ms",
            APPLICATION_JSON,
            "{\"value\":\"soon\"}",
            42212),
        bad(
            "unknown strategy",
            "POST",
            "{c}/consumer-groups/{g}/offsets:reset",
            APPLICATION_JSON,
            "{\"strategy\":\"to-somewhere\",\"topic_name\":\"{t}\"}",
            42200),
        bad("timeout a word", "GET", "{assigned}/records?timeout=soon", null, null),
        bad(
            "duration of 300 million years",
            "POST",
            "{c}/consumer-groups/{g}/offsets:reset",
            APPLICATION_JSON,
            "{\"strategy\":\"by-duration\",\"topic_name\":\"{t}\",\"duration\":\"PT2777777777777H\"}",
            42200),
        bad(
            "datetime in the year 300000000",
            "POST",
            "{c}/consumer-groups/{g}/offsets:reset",
            APPLICATION_JSON,
            "{\"strategy\":\"to-datetime\",\"topic_name\":\"{t}\","
                + "\"datetime\":\"+300000000-01-01T00:00:00Z\"}",
            42200),
        bad(
            "timestamp in the year 300000000",
            "POST",
            "{assigned}/positions/timestamp",
            V2,
            "{\"timestamps\":[{\"topic\":\"{t}\",\"partition\":0,"
                + "\"timestamp\":\"+300000000-01-01T00:00:00Z\"}]}",
            42200),
        bad(
            "instance name with a brace",
            "POST",
            "/consumers/{g}",
            V2,
            "{\"name\":\"a{b\"}",
            42204),
        bad(
            "catastrophic topic pattern is not a problem, an invalid one is",
            "POST",
            "{base}/subscription",
            V2,
            "{\"topic_pattern\":\"(\"}",
            42200),
        bad(
            "no partition to delete records of",
            "POST",
            "{c}/topics/{t}/records:delete",
            APPLICATION_JSON,
            "{\"partitions\":[]}",
            42200),
        bad(
            "partition listed twice",
            "POST",
            "{c}/topics/{t}/records:delete",
            APPLICATION_JSON,
            "{\"partitions\":[{\"partition_id\":0,\"offset\":0},"
                + "{\"partition_id\":0,\"offset\":1}]}",
            42200),
        bad(
            "delete records past the high watermark",
            "POST",
            "{c}/topics/{t}/records:delete",
            APPLICATION_JSON,
            "{\"partitions\":[{\"partition_id\":0,\"offset\":1000}]}",
            42218));
  }

  static Stream<Bad> negativeOffsets() {
    return Stream.of(
        bad(
            "negative position",
            "POST",
            "{assigned}/positions",
            V2,
            "{\"offsets\":[{\"topic\":\"{t}\",\"partition\":0,\"offset\":-1}]}",
            42200,
            42218),
        bad(
            "negative commit",
            "POST",
            "{assigned}/offsets",
            V2,
            "{\"offsets\":[{\"topic\":\"{t}\",\"partition\":0,\"offset\":-5}]}",
            42200,
            42218),
        bad(
            "delete records before -2",
            "POST",
            "{c}/topics/{t}/records:delete",
            APPLICATION_JSON,
            "{\"partitions\":[{\"partition_id\":0,\"offset\":-2}]}",
            42218));
  }

  static Stream<Bad> partitionsOutOfRange() {
    return Stream.of(
        bad(
            "produce to partition 3 of 3",
            "POST",
            "/topics/{t}/partitions/3",
            JSON,
            "{\"records\":[{\"value\":1}]}",
            40402),
        bad(
            "record for partition 5 of 3",
            "POST",
            "/topics/{t}",
            JSON,
            "{\"records\":[{\"value\":1,\"partition\":5}]}",
            40402,
            42200),
        bad("offsets of partition 3", "GET", "/topics/{t}/partitions/3/offsets", null, null, 40402),
        bad("v3 partition 3", "GET", "{c}/topics/{t}/partitions/3", null, null, 40402),
        bad("v3 partition -1", "GET", "{c}/topics/{t}/partitions/-1", null, null, 40402),
        bad(
            "seek in partition 7",
            "POST",
            "{assigned}/positions",
            V2,
            "{\"offsets\":[{\"topic\":\"{t}\",\"partition\":7,\"offset\":0}]}"),
        bad(
            "reset partition 7",
            "POST",
            "{c}/consumer-groups/{g}/offsets:reset",
            APPLICATION_JSON,
            "{\"strategy\":\"to-earliest\",\"topic_name\":\"{t}\",\"partitions\":[7]}"),
        bad(
            "delete records of partition 3",
            "POST",
            "{c}/topics/{t}/records:delete",
            APPLICATION_JSON,
            "{\"partitions\":[{\"partition_id\":3,\"offset\":0}]}",
            40402));
  }

  static Stream<Bad> unknownThings() {
    return Stream.of(
        bad("unknown topic", "GET", "/topics/{missing}", null, null, 40401),
        bad("unknown topic", "GET", "{c}/topics/{missing}", null, null, 40401),
        bad("unknown topic", "GET", "{c}/topics/{missing}/configs", null, null, 40401),
        bad("unknown topic", "GET", "{c}/topics/{missing}/partitions", null, null, 40401),
        bad("unknown topic", "DELETE", "{c}/topics/{missing}", null, null, 40401),
        bad(
            "unknown topic",
            "PATCH",
            "{c}/topics/{missing}",
            APPLICATION_JSON,
            "{\"partitions_count\":5}",
            40401),
        bad(
            "unknown topic",
            "PUT",
            "{c}/topics/{missing}/configs/retention.ms",
            APPLICATION_JSON,
            "{\"value\":\"1000\"}",
            40401),
        bad(
            "unknown topic",
            "POST",
            "{c}/topics/{missing}/records:delete",
            APPLICATION_JSON,
            "{\"partitions\":[{\"partition_id\":0,\"offset\":0}]}",
            40401),
        bad("unknown config", "GET", "{c}/topics/{t}/configs/no.such.config", null, null, 40411),
        bad("unknown config", "DELETE", "{c}/topics/{t}/configs/no.such.config", null, null, 40411),
        bad("unknown group", "GET", "{c}/consumer-groups/{missing}", null, null, 40410),
        bad("unknown group", "GET", "{c}/consumer-groups/{missing}/lags", null, null, 40410),
        bad("unknown group", "GET", "{c}/consumer-groups/{missing}/lag-summary", null, null, 40410),
        bad(
            "unknown group",
            "GET",
            "{c}/consumer-groups/{missing}/consumers/nobody/assignments",
            null,
            null,
            40410),
        bad(
            "unknown instance",
            "GET",
            "/consumers/{g}/instances/{missing}/subscription",
            null,
            null,
            40403),
        bad(
            "unknown instance",
            "POST",
            "/consumers/{g}/instances/{missing}/positions/end",
            V2,
            "{\"partitions\":[{\"topic\":\"{t}\",\"partition\":0}]}",
            40403),
        bad("unknown instance", "DELETE", "/consumers/{g}/instances/{missing}", null, null, 40403),
        bad("unknown cluster", "GET", "/v3/clusters/{missing}/topics", null, null, 40404),
        bad("unknown cluster", "GET", "/v3/clusters/{missing}/clients", null, null, 40404),
        bad("no such path", "GET", "/no/such/path", null, null, 404),
        bad("method not allowed", "DELETE", "/v3/clusters", null, null, 405),
        bad("method not allowed", "PUT", "/topics/{t}", JSON, "{}", 405));
  }

  static Stream<Bad> wrongContentTypes() {
    return Stream.of(
        bad("text/plain", "POST", "/consumers/{g}", "text/plain", "{\"name\":\"plain\"}", 415),
        bad(
            "text/plain",
            "POST",
            "{base}/subscription",
            "text/plain",
            "{\"topics\":[\"{t}\"]}",
            415),
        bad("xml", "POST", "{assigned}/offsets", "application/xml", "<offsets/>", 415),
        bad(
            "text/plain",
            "POST",
            "{c}/topics",
            "text/plain",
            "{\"topic_name\":\"{t}-plain\",\"partitions_count\":1}",
            415),
        bad("text/plain", "PATCH", "{c}/topics/{t}", "text/plain", "{\"partitions_count\":4}", 415),
        bad(
            "text/plain",
            "PUT",
            "{c}/topics/{t}/configs/retention.ms",
            "text/plain",
            "{\"value\":\"1000\"}",
            415),
        bad(
            "text/plain",
            "POST",
            "{c}/topics/{t}/configs:alter",
            "text/plain",
            "{\"data\":[]}",
            415),
        bad(
            "text/plain",
            "POST",
            "{c}/topics/{t}/records",
            "text/plain",
            "{\"value\":{\"type\":\"STRING\",\"data\":\"v\"}}",
            415),
        bad(
            "text/plain",
            "POST",
            "{c}/consumer-groups/{g}/offsets:reset",
            "text/plain",
            "{\"strategy\":\"to-earliest\",\"topic_name\":\"{t}\"}",
            415),
        bad(
            "text/plain",
            "POST",
            "{c}/topics/{t}/records:delete",
            "text/plain",
            "{\"partitions\":[{\"partition_id\":0,\"offset\":0}]}",
            415));
  }

  /** v3 produce may put a refusal in a 200's delivery report (REST Proxy v3 does). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("badProduceObjects")
  void aBadV3ProduceObjectIsRefusedAndAppendsNothing(String what, String body) {
    long[] before = {
      endOffset(http, topic, 0), endOffset(http, topic, 1), endOffset(http, topic, 2)
    };

    assertProduceRefused(
        http.post(resolve("{c}/topics/{t}/records"), APPLICATION_JSON, resolve(body)));

    for (int partition = 0; partition < 3; partition++) {
      assertEquals(before[partition], endOffset(http, topic, partition), what);
    }
  }

  static Stream<Arguments> badProduceObjects() {
    String value = "\"value\":{\"type\":\"STRING\",\"data\":\"v\"}";
    return Stream.of(
        Arguments.of("malformed", "{"),
        Arguments.of(
            "invalid base64 value",
            "{\"partition_id\":0,\"value\":{\"type\":\"BINARY\",\"data\":\"***\"}}"),
        Arguments.of(
            "invalid base64 header",
            "{\"partition_id\":0,\"headers\":[{\"name\":\"h\",\"value\":\"***\"}]," + value + "}"),
        Arguments.of("partition 3 of 3", "{\"partition_id\":3," + value + "}"),
        Arguments.of("partition a string", "{\"partition_id\":\"x\"," + value + "}"),
        Arguments.of(
            "unknown type", "{\"partition_id\":0,\"value\":{\"type\":\"NOPE\",\"data\":\"v\"}}"),
        Arguments.of(
            "timestamp a word", "{\"partition_id\":0,\"timestamp\":\"soon\"," + value + "}"));
  }

  /** Bodies one byte over the limit; each would be accepted without the limit. */
  static Stream<Arguments> oversizedBodies() {
    return Stream.of(
        Arguments.of("/topics/{t}/partitions/0", BINARY, "{\"records\":[{\"value\":\"eA==\"}]}"),
        Arguments.of("/consumers/{g}", V2, "{\"name\":\"oversized\"}"),
        Arguments.of(
            "{c}/topics", APPLICATION_JSON, "{\"topic_name\":\"{t}-big\",\"partitions_count\":1}"),
        Arguments.of(
            "{c}/topics/{t}/records",
            APPLICATION_JSON,
            "{\"partition_id\":0,\"value\":{\"type\":\"STRING\",\"data\":\"v\"}}"));
  }

  /** {@code json} padded with trailing whitespace (still valid JSON) to exactly {@code size}. */
  private static String padded(String json, int size) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return json + " ".repeat(size - bytes.length);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oversizedBodies")
  void aBodyOneByteOverTheLimitIsRefusedWith41302(String path, String contentType, String json) {
    String body = padded(resolve(json), MAX_REQUEST_BYTES + 1);
    long before = endOffset(http, topic, 0);

    assertRefused(413, 41302, http.post(resolve(path), contentType, body));

    assertEquals(before, endOffset(http, topic, 0), "nothing appended");
  }

  @Test
  void aBodyOfExactlyTheLimitIsAccepted() {
    String body = padded("{\"records\":[{\"value\":\"eA==\"}]}", MAX_REQUEST_BYTES);
    Answer produced = http.post("/topics/" + topic + "/partitions/1", BINARY, body);
    assertEquals(200, produced.status(), () -> produced.status() + " " + produced.body());
  }

  @Test
  void aChunkedBodyOverTheLimitIsRefusedWith41302() {
    byte[] body =
        padded("{\"records\":[{\"value\":\"eA==\"}]}", MAX_REQUEST_BYTES + 1)
            .getBytes(StandardCharsets.UTF_8);
    long before = endOffset(http, topic, 2);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    HttpRequest request =
        http.request("/topics/" + topic + "/partitions/2")
            .header("Content-Type", BINARY)
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }

    assertEquals(413, response.statusCode(), response::body);
    assertEquals(
        41302,
        Json.createReader(new StringReader(response.body())).readObject().getInt("error_code"),
        response::body);
    assertEquals(before, endOffset(http, topic, 2), "nothing appended");
  }
}
