package org.tributary.system.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.Fixtures.createTopic;
import static org.tributary.system.TributaryHttp.APPLICATION_JSON;
import static org.tributary.system.TributaryHttp.BINARY;
import static org.tributary.system.TributaryHttp.base64;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;
import org.tributary.system.V2Consumer;

/** {@code GET /v3/clusters/{c}/clients}: the producers and consumers the broker saw recently. */
class ClientsHttpIT {

  private static final String LOOPBACK = "127.0.0.1";

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  private JsonObject clientList() {
    Answer clients = http.get(Fixtures.v3(http, "/clients"));
    assertEquals(200, clients.status(), clients::toString);
    return clients.object();
  }

  private Optional<JsonObject> client(Predicate<JsonObject> which) {
    return clientList().getJsonArray("data").getValuesAs(JsonObject.class).stream()
        .filter(which)
        .findFirst();
  }

  /** The tests' admin producing from this machine: every test's produce counts toward it. */
  private long loopbackProducerTotal() {
    return client(ClientsHttpIT::isLoopbackProducer)
        .map(producer -> producer.getJsonNumber("total_records").longValue())
        .orElse(0L);
  }

  private static boolean isLoopbackProducer(JsonObject client) {
    return client.getString("kind").equals("PRODUCER")
        && client.isNull("client_id")
        && client.getString("address").equals(LOOPBACK)
        && TributaryHttp.ADMIN.equals(client.getString("principal", null));
  }

  @Test
  void producersAndConsumersOverHttpAreListedWithTheirTopicsGroupAndTotals() {
    String topic = uniqueTopic("clients");
    createTopic(http, topic, 2);
    long producedBefore = loopbackProducerTotal();

    Answer toTopic =
        http.post(
            "/topics/" + topic,
            BINARY,
            "{\"records\":[{\"key\":\""
                + base64("k")
                + "\",\"value\":\""
                + base64("one")
                + "\"},{\"value\":\""
                + base64("two")
                + "\"}]}");
    assertEquals(200, toTopic.status(), toTopic::toString);
    Fixtures.produce(http, topic, 1, "three", "four");
    Fixtures.produceV3(http, topic, 0, "five", Instant.now());
    Answer v3Stream =
        http.post(
            Fixtures.v3(http, "/topics/" + topic + "/records"),
            APPLICATION_JSON,
            Json.createObjectBuilder()
                .add("value", Json.createObjectBuilder().add("type", "STRING").add("data", "six"))
                .build()
                .toString());
    assertEquals(200, v3Stream.status(), v3Stream::toString);

    String group = uniqueTopic("clients-group");
    try (V2Consumer consumer = V2Consumer.earliest(http, group, "clients-reader")) {
      consumer.subscribe(topic);
      assertEquals(6, consumer.pollUntil(6).size());
      assertEquals(0, consumer.poll(0).size());

      JsonObject producer =
          client(c -> isLoopbackProducer(c) && c.getJsonArray("topics").toString().contains(topic))
              .orElseThrow(
                  () -> new AssertionError("no producer of " + topic + ": " + clientList()));
      assertTrue(
          producer.getJsonNumber("total_records").longValue() >= producedBefore + 6,
          producer::toString);
      assertTrue(
          producer.getJsonNumber("records_per_second").doubleValue() > 0, producer::toString);
      assertTrue(producer.getJsonNumber("bytes_per_second").doubleValue() > 0, producer::toString);
      assertEquals(TributaryHttp.ADMIN, producer.getString("who"), producer::toString);
      assertEquals(TributaryHttp.ADMIN, producer.getString("principal"), producer::toString);
      assertTrue(producer.isNull("group"), producer::toString);
      Instant.parse(producer.getString("last_activity"));

      JsonObject reader =
          client(
                  c ->
                      c.getString("kind").equals("CONSUMER")
                          && group.equals(c.getString("group", "")))
              .orElseThrow(
                  () -> new AssertionError("no consumer in " + group + ": " + clientList()));
      assertEquals("clients-reader", reader.getString("client_id"), reader::toString);
      assertEquals(TributaryHttp.ADMIN, reader.getString("who"), "the principal: " + reader);
      assertEquals(LOOPBACK, reader.getString("address"), reader::toString);
      assertEquals(1, reader.getJsonArray("topics").size(), reader::toString);
      assertEquals(topic, reader.getJsonArray("topics").getString(0), reader::toString);
      assertEquals(6, reader.getJsonNumber("total_records").longValue(), reader::toString);
      // "k" + "one" + "two" + "three" + "four" + "five" + "six": keys and values, over a minute.
      assertEquals(
          23.0 / 60,
          reader.getJsonNumber("bytes_per_second").doubleValue(),
          1e-9,
          reader::toString);

      JsonObject rates = clientList().getJsonObject("rates");
      assertTrue(
          rates.getJsonNumber("produced_records_per_second").doubleValue() > 0, rates::toString);
      assertTrue(
          rates.getJsonNumber("consumed_records_per_second").doubleValue() > 0, rates::toString);
    }
  }

  @Test
  void anEmptyPollOfAnAssignedInstanceListsItWithItsTopicAndNoGroup() {
    String topic = uniqueTopic("clients-assigned");
    createTopic(http, topic, 1);
    String group = uniqueTopic("clients-assigned-group");
    try (V2Consumer consumer = V2Consumer.earliest(http, group, "assigned-reader")) {
      consumer.assign(topic, 0);
      assertEquals(0, consumer.poll(0).size());

      JsonObject reader =
          client(
                  c ->
                      c.getString("kind").equals("CONSUMER")
                          && "assigned-reader".equals(c.getString("client_id", ""))
                          && c.getJsonArray("topics").toString().contains(topic))
              .orElseThrow(() -> new AssertionError("no assigned reader: " + clientList()));
      assertTrue(reader.isNull("group"), reader::toString);
      assertEquals(0, reader.getJsonNumber("total_records").longValue(), reader::toString);
    }
  }

  @Test
  void theListIsNewestFirstAndTellsTheClusterAndKind() {
    String topic = uniqueTopic("clients-order");
    createTopic(http, topic, 1);
    Fixtures.produce(http, topic, 0, "x");
    JsonObject list = clientList();
    assertEquals("KafkaClientList", list.getString("kind"), list::toString);
    assertEquals(Fixtures.clusterId(http), list.getString("cluster_id"), list::toString);
    List<Instant> times =
        list.getJsonArray("data").getValuesAs(JsonObject.class).stream()
            .map(c -> Instant.parse(c.getString("last_activity")))
            .toList();
    for (int i = 1; i < times.size(); i++) {
      assertTrue(!times.get(i).isAfter(times.get(i - 1)), times::toString);
    }
  }
}
