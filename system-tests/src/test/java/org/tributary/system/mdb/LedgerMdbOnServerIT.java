package org.tributary.system.mdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.TributaryHttp.APPLICATION_JSON;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;
import org.tributary.system.V2Consumer;

/**
 * The ledger example's message-driven bean, deployed with Tributary's resource adapter next to the
 * EAR on Payara Server (and on Micro, see {@code LedgerMdbOnMicroIT}): records of {@code payments}
 * are booked in the app's own XA database with their offset commit in the container's transaction.
 * The bean makes 2 attempts, 3 s apart, before a record goes to {@code payments.DLT}.
 */
public class LedgerMdbOnServerIT {

  static final String TOPIC = "payments";
  static final String GROUP = "ledger";
  static final String APP = "/ledger-example";
  private static final Duration DELIVERY = Duration.ofSeconds(30);

  private TributaryHttp http = TributaryHttp.fromSystemProperty();

  /** These tests against another server: the Micro test's own. */
  public static LedgerMdbOnServerIT against(TributaryHttp server) {
    LedgerMdbOnServerIT tests = new LedgerMdbOnServerIT();
    tests.http = server;
    return tests;
  }

  /** A produced record: where it landed. */
  record Placed(int partition, long offset) {}

  @Test
  void everyPaymentIsBookedOnceAndInOrderPerPartition() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<Placed> placed = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      placed.add(produce("acct-" + run + "-" + (i % 6), i + ".25", 0));
    }

    List<JsonObject> booked = awaitEntries(placed);
    Map<Placed, Long> copies =
        booked.stream()
            .map(e -> new Placed(e.getInt("partition"), e.getJsonNumber("offset").longValue()))
            .filter(placed::contains)
            .collect(Collectors.groupingBy(p -> p, Collectors.counting()));
    assertEquals(placed.size(), copies.size(), "every record booked: " + copies);
    assertTrue(copies.values().stream().allMatch(n -> n == 1), "each exactly once: " + copies);

    // The bean's calls, in call order: within a partition never out of order, nor overlapping.
    Map<Integer, List<Long>> calls = new HashMap<>();
    for (JsonObject call : deliveries()) {
      Placed where = new Placed(call.getInt("partition"), call.getJsonNumber("offset").longValue());
      if (placed.contains(where)) {
        calls.computeIfAbsent(where.partition(), p -> new ArrayList<>()).add(where.offset());
      }
    }
    calls.forEach(
        (partition, offsets) -> {
          List<Long> sorted = offsets.stream().sorted().toList();
          assertEquals(sorted, offsets, "partition " + partition + " delivered in order");
        });
    assertTrue(calls.size() > 1, "the records spread over partitions: " + calls);
    awaitCommittedPast(placed);
  }

  @Test
  public void aRolledBackDeliveryLeavesTheEntryAndTheOffsetThenCommitsBothOnce() {
    Placed placed = produce("acct-rollback-" + UUID.randomUUID(), "42.10", 1);

    JsonObject rolledBack = awaitCall(placed, 1);
    assertEquals("rolled back", rolledBack.getString("outcome"), rolledBack::toString);
    // Within the 3 s backoff before the second attempt: neither the entry nor the offset stayed.
    assertTrue(entriesOf(placed).isEmpty(), "the rolled-back entry is not in the ledger");
    JsonObject lag = Fixtures.lags(http, GROUP, TOPIC).get(placed.partition());
    assertTrue(
        lag.isNull("current_offset")
            || lag.getJsonNumber("current_offset").longValue() <= placed.offset(),
        "the rolled-back offset commit did not stay: " + lag);

    JsonObject booked = awaitCall(placed, 2);
    assertEquals("booked", booked.getString("outcome"), booked::toString);
    awaitCommittedPast(List.of(placed));
    List<JsonObject> entries = entriesOf(placed);
    assertEquals(1, entries.size(), "booked exactly once: " + entries);
    assertEquals("42.10", entries.get(0).getString("amount"));
  }

  @Test
  void aRecordTheBeanAlwaysRefusesGoesToTheDeadLetterTopicWithWhy() {
    String account = "acct-dlt-" + UUID.randomUUID();
    Placed placed = produce(account, "not an amount", 0);

    awaitCall(placed, 2);
    awaitCommittedPast(List.of(placed));
    assertTrue(entriesOf(placed).isEmpty(), "a refused record is not booked");

    JsonObject dead = awaitDeadLetter(account);
    assertEquals("not an amount", Fixtures.value(dead));
    Map<String, String> headers = new HashMap<>();
    for (JsonObject header : dead.getJsonArray("headers").getValuesAs(JsonObject.class)) {
      headers.put(header.getString("name"), Fixtures.decode(header.getString("value")));
    }
    assertEquals(TOPIC, headers.get("tributary.dlt.topic"), headers::toString);
    assertEquals(String.valueOf(placed.partition()), headers.get("tributary.dlt.partition"));
    assertEquals(String.valueOf(placed.offset()), headers.get("tributary.dlt.offset"));
    assertEquals("Ledger.onRecord", headers.get("tributary.dlt.listener"));
    assertEquals("2", headers.get("tributary.dlt.attempts"));
    assertEquals(
        IllegalArgumentException.class.getName(),
        headers.get("tributary.dlt.exception"),
        headers::toString);
    assertTrue(headers.get("tributary.dlt.message").contains("Not an amount"), headers::toString);
  }

  private Placed produce(String account, String amount, int rollbacks) {
    JsonArrayBuilder headers = Json.createArrayBuilder();
    if (rollbacks > 0) {
      headers.add(
          Json.createObjectBuilder()
              .add("name", "ledger.rollback-attempts")
              .add("value", TributaryHttp.base64(String.valueOf(rollbacks))));
    }
    Answer produced =
        http.post(
            Fixtures.v3(http, "/topics/" + TOPIC + "/records"),
            APPLICATION_JSON,
            Json.createObjectBuilder()
                .add("key", Json.createObjectBuilder().add("type", "STRING").add("data", account))
                .add("value", Json.createObjectBuilder().add("type", "STRING").add("data", amount))
                .add("headers", headers)
                .build()
                .toString());
    assertEquals(200, produced.status(), produced::toString);
    JsonObject report = produced.object();
    assertEquals(200, report.getInt("error_code"), produced::toString);
    return new Placed(report.getInt("partition_id"), report.getJsonNumber("offset").longValue());
  }

  private List<JsonObject> awaitEntries(List<Placed> placed) {
    return Fixtures.await(
        "all " + placed.size() + " records booked",
        DELIVERY,
        () -> {
          List<JsonObject> entries = entries();
          long found =
              entries.stream()
                  .map(
                      e -> new Placed(e.getInt("partition"), e.getJsonNumber("offset").longValue()))
                  .filter(placed::contains)
                  .distinct()
                  .count();
          return found == placed.size() ? Optional.of(entries) : Optional.empty();
        });
  }

  private JsonObject awaitCall(Placed placed, int attempt) {
    return Fixtures.await(
        "attempt " + attempt + " at " + placed,
        DELIVERY,
        () ->
            deliveries().stream()
                .filter(c -> c.getInt("partition") == placed.partition())
                .filter(c -> c.getJsonNumber("offset").longValue() == placed.offset())
                .filter(c -> c.getString("topic").equals(TOPIC))
                .filter(c -> c.getInt("attempt") == attempt)
                .findFirst());
  }

  private void awaitCommittedPast(List<Placed> placed) {
    for (Placed each : placed) {
      Fixtures.await(
          "group " + GROUP + " committed past " + each,
          DELIVERY,
          () -> {
            JsonObject lag = Fixtures.lags(http, GROUP, TOPIC).get(each.partition());
            return lag != null
                    && !lag.isNull("current_offset")
                    && lag.getJsonNumber("current_offset").longValue() > each.offset()
                ? Optional.of(lag)
                : Optional.empty();
          });
    }
  }

  private JsonObject awaitDeadLetter(String account) {
    try (V2Consumer consumer =
        V2Consumer.earliest(http, TributaryHttp.uniqueTopic("ledger-dlt-check"), "reader")) {
      consumer.subscribe(TOPIC + ".DLT");
      return Fixtures.await(
          "the dead letter of " + account,
          DELIVERY,
          () ->
              consumer.poll(1000).getValuesAs(JsonObject.class).stream()
                  .filter(
                      r -> !r.isNull("key") && Fixtures.decode(r.getString("key")).equals(account))
                  .findFirst());
    }
  }

  private List<JsonObject> entriesOf(Placed placed) {
    return entries().stream()
        .filter(e -> e.getString("topic").equals(TOPIC))
        .filter(e -> e.getInt("partition") == placed.partition())
        .filter(e -> e.getJsonNumber("offset").longValue() == placed.offset())
        .toList();
  }

  private List<JsonObject> entries() {
    Answer entries = http.anonymous().get(APP + "/entries");
    assertEquals(200, entries.status(), entries::toString);
    return entries.array().getValuesAs(JsonObject.class);
  }

  private List<JsonObject> deliveries() {
    Answer calls = http.anonymous().get(APP + "/deliveries");
    assertEquals(200, calls.status(), calls::toString);
    return calls.array().getValuesAs(JsonObject.class);
  }
}
