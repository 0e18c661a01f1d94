package org.tributary.system.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;
import org.tributary.system.V2Consumer;

/**
 * The example order app, deployed as its own WAR next to Tributary's EAR on Payara Server: an order
 * and its event are stored in one transaction, and its listener confirms the order.
 */
class ExampleOrdersOnServerIT {

  private static final String ORDERS = "/orders-example/orders";

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  @Test
  void anOrderIsStoredPublishedAndConfirmedByTheAppsListener() throws Exception {
    Answer created =
        http.post(ORDERS, "application/json", "{\"item\":\"tea\",\"quantity\":2,\"fail\":false}");
    assertEquals(201, created.status(), created::toString);
    String id = created.object().getString("id");

    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String status;
    do {
      Thread.sleep(100);
      Answer order = http.get(ORDERS + "/" + id);
      assertEquals(200, order.status(), order::toString);
      status = order.object().getString("status");
    } while (!status.equals("CONFIRMED") && System.nanoTime() < deadline);
    assertEquals("CONFIRMED", status, "the app's listener saw the order-created event");
    assertTrue(events().stream().anyMatch(e -> e.getString("orderId").equals(id)));
  }

  @Test
  void anOrderThatRollsBackLeavesNeitherItsRowNorItsEvent() {
    Answer refused =
        http.post(ORDERS, "application/json", "{\"item\":\"coffee\",\"quantity\":1,\"fail\":true}");
    assertEquals(409, refused.status(), refused::toString);
    Answer committed =
        http.post(ORDERS, "application/json", "{\"item\":\"after\",\"quantity\":1,\"fail\":false}");
    assertEquals(201, committed.status(), committed::toString);
    String after = committed.object().getString("id");

    List<JsonObject> events = events();
    assertTrue(events.stream().anyMatch(e -> e.getString("orderId").equals(after)));
    assertTrue(
        events.stream().noneMatch(e -> e.getString("item").equals("coffee")),
        "the rolled-back order's event was never visible: " + events);
  }

  @Test
  void theAppsProducerAndListenerAreListedAsClientsUnderItsApplicationName() {
    Answer created =
        http.post(ORDERS, "application/json", "{\"item\":\"milk\",\"quantity\":1,\"fail\":false}");
    assertEquals(201, created.status(), created::toString);

    for (String kind : List.of("PRODUCER", "CONSUMER")) {
      JsonObject client =
          Fixtures.await(
              "the orders app listed as " + kind,
              () -> {
                Answer clients = http.get(Fixtures.v3(http, "/clients"));
                assertEquals(200, clients.status(), clients::toString);
                return clients.object().getJsonArray("data").getValuesAs(JsonObject.class).stream()
                    .filter(c -> c.getString("kind").equals(kind))
                    .filter(c -> "orders-example".equals(c.getString("client_id", "")))
                    .filter(c -> c.getJsonNumber("total_records").longValue() > 0)
                    .findFirst();
              });
      assertEquals("in-process", client.getString("address"), client::toString);
      assertTrue(
          client.getJsonArray("topics").toString().contains("order-created"), client::toString);
    }
  }

  /** Every order-created event so far, read with a fresh v2 consumer. */
  private List<JsonObject> events() {
    try (V2Consumer consumer =
        V2Consumer.create(
            http,
            TributaryHttp.uniqueTopic("example-check"),
            "reader",
            "\"format\":\"json\",\"auto.offset.reset\":\"earliest\"")) {
      consumer.subscribe("order-created");
      List<JsonObject> events = new ArrayList<>();
      List<JsonObject> batch;
      do {
        batch = consumer.poll(1000).getValuesAs(JsonObject.class);
        batch.forEach(record -> events.add(record.getJsonObject("value")));
      } while (!batch.isEmpty());
      return events;
    }
  }
}
