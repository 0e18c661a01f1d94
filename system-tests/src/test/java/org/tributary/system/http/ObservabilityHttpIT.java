package org.tributary.system.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.Fixtures.await;
import static org.tributary.system.Fixtures.produce;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tributary.system.Prometheus;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;
import org.tributary.system.V2Consumer;

/** The MicroProfile endpoints: OpenAPI, health and Prometheus metrics. */
class ObservabilityHttpIT {

  // Prometheus names of Tributary's application metrics, as MicroProfile Metrics 5 writes them
  // (MicroProfile Metrics 4 prefixed "application_"; both are matched). Adjust here if the server
  // names them otherwise.

  /** Counter of records appended (v2 and v3 produce). */
  static final String PRODUCE_RECORDS = "tributary_produced_records_total";

  /** Counter of records returned to consumers. */
  static final String FETCH_RECORDS = "tributary_fetched_records_total";

  /** Gauge of a consumer group's lag; one sample per group (or per group and partition). */
  static final String CONSUMER_GROUP_LAG = "tributary_consumer_group_lag";

  /** Count sample of the timer (or histogram) of HTTP request latency. */
  static final String REQUEST_LATENCY_COUNT = "tributary_http_request_count";

  /** A part of the name of the readiness check that touches the database. */
  static final String DATABASE_CHECK = "database";

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  @Test
  void openApiDescribesTheV2ConsumersAndTheV3Topics() {
    Answer yaml = http.get("/openapi");
    assertEquals(200, yaml.status(), yaml::toString);
    assertTrue(yaml.body().contains("openapi"), yaml::toString);
    assertTrue(yaml.body().contains("/consumers/{group}"), "v2 consumers described");
    assertTrue(yaml.body().contains("/v3/clusters/{cluster_id}/topics"), "v3 topics described");

    Answer json = http.get("/openapi", "application/json");
    assertEquals(200, json.status(), json::toString);
    JsonObject paths = json.object().getJsonObject("paths");
    assertTrue(paths.containsKey("/consumers/{group}"), paths.keySet()::toString);
    assertTrue(paths.containsKey("/v3/clusters/{cluster_id}/topics"), paths.keySet()::toString);
  }

  @Test
  void readinessIsUpAndChecksTheDatabase() {
    Answer ready = http.get("/health/ready");

    assertEquals(200, ready.status(), ready::toString);
    assertEquals("UP", ready.object().getString("status"), ready::toString);
    JsonObject database =
        ready.object().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
            .filter(check -> check.getString("name").toLowerCase().contains(DATABASE_CHECK))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no database check: " + ready));
    assertEquals("UP", database.getString("status"), ready::toString);

    Answer health = http.get("/health");
    assertEquals(200, health.status(), health::toString);
    assertEquals("UP", health.object().getString("status"), health::toString);
  }

  @Test
  void produceAndFetchCountersGrowWithTheRecordsProducedAndConsumed() {
    String topic = uniqueTopic("metrics");
    produce(http, topic, 0, "warm-up");
    double producedBefore = sum(metrics(), PRODUCE_RECORDS, null);

    produce(http, topic, 0, "a", "b", "c", "d", "e");

    await(
        PRODUCE_RECORDS + " grows by 5",
        () ->
            sum(metrics(), PRODUCE_RECORDS, null) >= producedBefore + 5
                ? Optional.of(true)
                : Optional.empty());

    double fetchedBefore = sum(metrics(), FETCH_RECORDS, null);
    try (V2Consumer consumer = V2Consumer.earliest(http, uniqueTopic("metrics-group"), "c")) {
      consumer.assign(topic, 0);
      consumer.pollUntil(6);
    }
    await(
        FETCH_RECORDS + " grows by 6",
        () ->
            sum(metrics(), FETCH_RECORDS, null) >= fetchedBefore + 6
                ? Optional.of(true)
                : Optional.empty());
  }

  @Test
  void aConsumerGroupsLagIsAGauge() {
    String topic = uniqueTopic("metrics-lag");
    String group = uniqueTopic("metrics-lag-group");
    produce(http, topic, 0, "a", "b", "c");
    try (V2Consumer consumer = V2Consumer.earliest(http, group, "c")) {
      consumer.subscribe(topic);
      consumer.pollUntil(3);
      consumer.commitAll();
      produce(http, topic, 0, "d", "e");

      double lag =
          await(
              CONSUMER_GROUP_LAG + " of " + group + " is 2",
              () -> {
                double now = sum(metrics(), CONSUMER_GROUP_LAG, group);
                return now == 2 ? Optional.of(now) : Optional.empty();
              });
      assertEquals(2, lag);
    }
  }

  @Test
  void requestLatencyIsMeasured() {
    assertEquals(200, http.get("/topics").status());

    String text = metrics();
    List<Double> counts = Prometheus.samples(text, REQUEST_LATENCY_COUNT, null);
    assertTrue(!counts.isEmpty(), "no " + REQUEST_LATENCY_COUNT + " in the metrics");
    assertTrue(counts.stream().mapToDouble(Double::doubleValue).sum() > 0, counts::toString);
  }

  private String metrics() {
    Answer metrics = http.get("/metrics", "text/plain");
    assertEquals(200, metrics.status(), metrics::toString);
    return metrics.body();
  }

  private static double sum(String text, String name, String labelValue) {
    return Prometheus.samples(text, name, labelValue).stream()
        .mapToDouble(Double::doubleValue)
        .sum();
  }
}
