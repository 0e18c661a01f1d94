package org.tributary.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The HTTP calls the consume and latency benchmarks make, each checked: an answer outside 2xx fails
 * with the request, the status and the body.
 */
final class TributaryClient {

  static final String V2_JSON = "application/vnd.kafka.v2+json";
  static final String BINARY_V2_JSON = "application/vnd.kafka.binary.v2+json";

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final String url;
  private final URI root;
  private final String authorization = Credentials.fromSystemProperties().authorization();
  private final HttpClient http = newHttpClient();

  TributaryClient(String url) {
    this.url = url;
    this.root = URI.create(url.endsWith("/") ? url : url + "/");
  }

  String url() {
    return url;
  }

  /**
   * Plain HTTP/1.1 with keep-alive, as Kafka REST clients use it: no h2c upgrade, whose stream
   * bookkeeping in the server would be measured instead of Tributary.
   */
  static HttpClient newHttpClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /** {@code data[0].cluster_id} of {@code GET /v3/clusters}. */
  String clusterId() {
    Object clusters = Json.parse(send(request("v3/clusters").GET()));
    List<Object> data = Json.array(Json.object(clusters, "cluster list").get("data"), "data");
    if (data.isEmpty()) {
      throw new IllegalStateException("GET /v3/clusters lists no cluster");
    }
    return Json.string(Json.object(data.get(0), "data[0]"), "cluster_id");
  }

  void createTopic(String clusterId, String topic, int partitions) {
    createTopic(clusterId, topic, partitions, Map.of());
  }

  void createTopic(String clusterId, String topic, int partitions, Map<String, String> configs) {
    send(
        request("v3/clusters/" + clusterId + "/topics")
            .header("Content-Type", "application/json")
            .POST(
                body(
                    "{\"topic_name\":\"%s\",\"partitions_count\":%d,\"configs\":%s}"
                        .formatted(topic, partitions, configList(configs)))));
  }

  /** Sets topic configs, all at once ({@code configs:alter}). */
  void alterConfigs(String clusterId, String topic, Map<String, String> configs) {
    send(
        request("v3/clusters/" + clusterId + "/topics/" + topic + "/configs:alter")
            .header("Content-Type", "application/json")
            .POST(body("{\"data\":" + configList(configs) + "}")));
  }

  /** The Prometheus text of {@code /metrics}. */
  String metrics() {
    return send(request("metrics").GET());
  }

  private static String configList(Map<String, String> configs) {
    List<String> entries = new ArrayList<>();
    configs.forEach(
        (name, value) -> entries.add("{\"name\":\"%s\",\"value\":\"%s\"}".formatted(name, value)));
    return "[" + String.join(",", entries) + "]";
  }

  /**
   * Sends a REST Proxy v2 binary produce body to the topic.
   *
   * @return the offsets the server assigned, in the order of the records
   */
  List<Long> produce(String topic, String produceBody) {
    String answer =
        send(
            request("topics/" + topic)
                .header("Content-Type", BINARY_V2_JSON)
                .POST(body(produceBody)));
    return Json.array(Json.object(Json.parse(answer), "produce answer").get("offsets"), "offsets")
        .stream()
        .map(offset -> Json.integer(Json.object(offset, "offset"), "offset"))
        .toList();
  }

  /**
   * Creates a binary-format v2 consumer instance in the group.
   *
   * @return the instance's base URI
   */
  URI createConsumer(String group, String name, String autoOffsetReset) {
    String answer =
        send(
            request("consumers/" + group)
                .header("Content-Type", V2_JSON)
                .POST(
                    body(
                        "{\"name\":\"%s\",\"format\":\"binary\",\"auto.offset.reset\":\"%s\"}"
                            .formatted(name, autoOffsetReset))));
    Map<String, Object> instance = Json.object(Json.parse(answer), "consumer instance");
    // The server answers an absolute URI; resolving also copes with a relative one.
    return root.resolve(Json.string(instance, "base_uri"));
  }

  void subscribe(URI consumer, String topic) {
    send(
        request(URI.create(consumer + "/subscription"))
            .header("Content-Type", V2_JSON)
            .POST(body("{\"topics\":[\"%s\"]}".formatted(topic))));
  }

  /** One long poll: waits up to {@code timeout} for records and returns what came. */
  List<Object> records(URI consumer, Duration timeout, int maxBytes) {
    String answer =
        send(
            request(
                    URI.create(
                        consumer
                            + "/records?timeout="
                            + timeout.toMillis()
                            + "&max_bytes="
                            + maxBytes))
                .timeout(REQUEST_TIMEOUT.plus(timeout))
                .header("Accept", BINARY_V2_JSON)
                .GET());
    return Json.array(Json.parse(answer), "records answer");
  }

  void deleteConsumer(URI consumer) {
    send(request(consumer).DELETE());
  }

  private HttpRequest.Builder request(String path) {
    return request(root.resolve(path));
  }

  private HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(REQUEST_TIMEOUT)
        .header("Authorization", authorization);
  }

  private static HttpRequest.BodyPublisher body(String json) {
    return HttpRequest.BodyPublishers.ofString(json);
  }

  private String send(HttpRequest.Builder builder) {
    HttpRequest request = builder.build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(describe(request) + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(describe(request) + " interrupted", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          describe(request) + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private static String describe(HttpRequest request) {
    return request.method() + " " + request.uri();
  }
}
