package org.tributary.system.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.tributary.system.Fixtures.assertClientError;
import static org.tributary.system.Fixtures.assertRefused;
import static org.tributary.system.Fixtures.produce;
import static org.tributary.system.TributaryHttp.APPLICATION_JSON;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;
import org.tributary.system.V2Consumer;

/**
 * Offset reset of a consumer group ({@code POST .../consumer-groups/{g}/offsets:reset}, a Tributary
 * extension) against the running server.
 */
class OffsetResetHttpIT {

  /** The log end offsets the set-up leaves: 4 records in partition 0, 3 in 1 and 3 in 2. */
  private static final Map<Integer, Long> ENDS = Map.of(0, 4L, 1, 3L, 2, 3L);

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  private Fixtures.GroupAtRest setUp() {
    Fixtures.GroupAtRest setup = Fixtures.groupAtRest(http, "reset");
    assertEquals(
        setup.committed(),
        currentOffsets(setup.group(), setup.topic()),
        "lags show the committed offsets");
    return setup;
  }

  private Map<Integer, Long> currentOffsets(String group, String topic) {
    Map<Integer, Long> current = new HashMap<>();
    Fixtures.lags(http, group, topic)
        .forEach((partition, lag) -> current.put(partition, longOf(lag, "current_offset")));
    return current;
  }

  private static long longOf(JsonObject object, String field) {
    return object.getJsonNumber(field).longValue();
  }

  private Answer reset(String group, String body) {
    return http.post(
        Fixtures.v3(http, "/consumer-groups/" + group + "/offsets:reset"), APPLICATION_JSON, body);
  }

  /** A reset body: {@code members} are the strategy's own, as JSON text ("" for none). */
  private static String body(String topic, String strategy, String members, boolean dryRun) {
    return "{\"strategy\":\""
        + strategy
        + "\",\"topic_name\":\""
        + topic
        + "\""
        + (members.isEmpty() ? "" : "," + members)
        + ",\"dry_run\":"
        + dryRun
        + "}";
  }

  private JsonObject resetOk(String group, String body) {
    Answer answer = reset(group, body);
    assertEquals(200, answer.status(), answer::toString);
    assertEquals(
        "KafkaConsumerGroupOffsetReset", answer.object().getString("kind"), answer::toString);
    return answer.object();
  }

  /** A partition's line of a reset: its offset before and after. */
  private record Line(long current, long next) {}

  /**
   * The per-partition lines of a reset answer (or of a recorded reset, which is of the same kind):
   * the array whose items carry {@code partition_id}, {@code current_offset} and {@code
   * new_offset}. The spec names the items' fields but not the array's.
   */
  private static Map<Integer, Line> plan(JsonObject reset, String topic) {
    for (JsonValue value : reset.values()) {
      if (value instanceof JsonArray array
          && !array.isEmpty()
          && array.get(0) instanceof JsonObject first
          && first.containsKey("partition_id")
          && first.containsKey("new_offset")) {
        Map<Integer, Line> lines = new HashMap<>();
        for (JsonObject line : array.getValuesAs(JsonObject.class)) {
          assertEquals(topic, line.getString("topic_name"), reset::toString);
          Line previous =
              lines.put(
                  line.getInt("partition_id"),
                  new Line(longOf(line, "current_offset"), longOf(line, "new_offset")));
          assertEquals(null, previous, reset::toString);
        }
        return lines;
      }
    }
    return fail("no per-partition lines in " + reset);
  }

  private static Map<Integer, Line> expected(Map<Integer, Long> current, Map<Integer, Long> next) {
    Map<Integer, Line> lines = new HashMap<>();
    next.forEach(
        (partition, offset) -> lines.put(partition, new Line(current.get(partition), offset)));
    return lines;
  }

  private Answer offsetResets(String group) {
    Answer list = http.get(Fixtures.v3(http, "/consumer-groups/" + group + "/offset-resets"));
    assertEquals(200, list.status(), list::toString);
    assertEquals(
        "KafkaConsumerGroupOffsetResetList", list.object().getString("kind"), list::toString);
    return list;
  }

  @Test
  void aDryRunToEarliestAnswersThePlanAndChangesNothing() {
    Fixtures.GroupAtRest setup = setUp();

    JsonObject dryRun = resetOk(setup.group(), body(setup.topic(), "to-earliest", "", true));

    assertEquals(
        expected(setup.committed(), Map.of(0, 0L, 1, 0L, 2, 0L)),
        plan(dryRun, setup.topic()),
        dryRun::toString);
    assertEquals(setup.committed(), currentOffsets(setup.group(), setup.topic()));
    assertEquals(
        0,
        offsetResets(setup.group()).object().getJsonArray("data").size(),
        "a dry run is not an executed reset");
  }

  @Test
  void executingAResetAppliesExactlyTheDryRunsPlan() {
    Fixtures.GroupAtRest setup = setUp();
    JsonObject dryRun = resetOk(setup.group(), body(setup.topic(), "to-earliest", "", true));

    JsonObject executed = resetOk(setup.group(), body(setup.topic(), "to-earliest", "", false));

    Map<Integer, Line> plan = plan(executed, setup.topic());
    assertEquals(plan(dryRun, setup.topic()), plan, executed::toString);
    Map<Integer, Long> applied = new HashMap<>();
    plan.forEach((partition, line) -> applied.put(partition, line.next()));
    assertEquals(applied, currentOffsets(setup.group(), setup.topic()));
    Map<Integer, JsonObject> lags = Fixtures.lags(http, setup.group(), setup.topic());
    for (int partition = 0; partition < 3; partition++) {
      assertEquals(
          ENDS.get(partition) - applied.get(partition),
          longOf(lags.get(partition), "lag"),
          lags::toString);
    }
  }

  @Test
  void aResetIsRefusedWith40904WhileAnInstanceOfTheGroupIsSubscribed() {
    Fixtures.GroupAtRest setup = setUp();
    try (V2Consumer active = V2Consumer.earliest(http, setup.group(), "active")) {
      active.subscribe(setup.topic());
      active.pollUntil(1);

      assertRefused(
          409, 40904, reset(setup.group(), body(setup.topic(), "to-earliest", "", false)));
      resetOk(setup.group(), body(setup.topic(), "to-earliest", "", true));
      assertEquals(setup.committed(), currentOffsets(setup.group(), setup.topic()));
    }

    JsonObject executed = resetOk(setup.group(), body(setup.topic(), "to-earliest", "", false));
    assertEquals(
        expected(setup.committed(), Map.of(0, 0L, 1, 0L, 2, 0L)), plan(executed, setup.topic()));
  }

  @Test
  void toAnOffsetBeyondTheEndIsClampedToTheLatestOffset() {
    Fixtures.GroupAtRest setup = setUp();

    JsonObject executed =
        resetOk(setup.group(), body(setup.topic(), "to-offset", "\"offset\":1000", false));

    assertEquals(expected(setup.committed(), ENDS), plan(executed, setup.topic()));
    assertEquals(ENDS, currentOffsets(setup.group(), setup.topic()));
    Fixtures.lags(http, setup.group(), setup.topic())
        .forEach((partition, lag) -> assertEquals(0, longOf(lag, "lag"), lag::toString));
  }

  @Test
  void toAnOffsetWithinTheLogMovesThereExactly() {
    Fixtures.GroupAtRest setup = setUp();

    JsonObject executed =
        resetOk(setup.group(), body(setup.topic(), "to-offset", "\"offset\":2", false));

    assertEquals(
        expected(setup.committed(), Map.of(0, 2L, 1, 2L, 2, 2L)), plan(executed, setup.topic()));
    assertEquals(Map.of(0, 2L, 1, 2L, 2, 2L), currentOffsets(setup.group(), setup.topic()));
  }

  @Test
  void shiftByMovesFromTheCommittedOffsetAndIsClampedAtBothEnds() {
    Fixtures.GroupAtRest setup = setUp();
    Map<Integer, Long> back = new HashMap<>();
    setup.committed().forEach((partition, offset) -> back.put(partition, Math.max(0, offset - 2)));

    JsonObject shifted =
        resetOk(setup.group(), body(setup.topic(), "shift-by", "\"shift\":-2", false));

    assertEquals(expected(setup.committed(), back), plan(shifted, setup.topic()));
    assertEquals(back, currentOffsets(setup.group(), setup.topic()));

    JsonObject forward =
        resetOk(setup.group(), body(setup.topic(), "shift-by", "\"shift\":10", false));
    assertEquals(expected(back, ENDS), plan(forward, setup.topic()));
    assertEquals(ENDS, currentOffsets(setup.group(), setup.topic()));
  }

  @Test
  void toADatetimeMovesToTheFirstRecordAtOrAfterItOrToTheEnd() {
    Fixtures.GroupAtRest setup = setUp();
    // Server and tests share the host's clock; the pauses keep the old records strictly before.
    Fixtures.pause(20);
    Instant between = Instant.now();
    Fixtures.pause(20);
    produce(http, setup.topic(), 0, "late-0");
    produce(http, setup.topic(), 1, "late-1");

    JsonObject executed =
        resetOk(
            setup.group(),
            body(setup.topic(), "to-datetime", "\"datetime\":\"" + between + "\"", false));

    // Partitions 0 and 1: their first late record; partition 2 has none after, so its end.
    Map<Integer, Long> target = Map.of(0, 4L, 1, 3L, 2, 3L);
    assertEquals(expected(setup.committed(), target), plan(executed, setup.topic()));
    assertEquals(target, currentOffsets(setup.group(), setup.topic()));
  }

  @Test
  void toADatetimeBeforeEverythingPlansTheLogStartAfterDeleteRecords() {
    String topic = uniqueTopic("reset-deleted");
    String group = uniqueTopic("reset-deleted-group");
    // A batch per record (a 30-byte value fills max.message.bytes), 1,100 of them.
    Fixtures.createTopic(http, topic, 1, Map.of("max.message.bytes", "100"));
    for (int request = 0; request < 4; request++) {
      String[] values = new String[275];
      for (int i = 0; i < values.length; i++) {
        values[i] = String.format("%030d", request * values.length + i);
      }
      produce(http, topic, 0, values);
    }
    try (V2Consumer consumer = V2Consumer.earliest(http, group, "setup")) {
      consumer.assign(topic, 0);
      consumer.commit(topic, 0, 1059);
      consumer.delete();
    }
    // DeleteRecords removes the first 1,000 batches at once; the 50 below 1,050 left stay stored
    // until retention runs, unreadable.
    Answer deleted =
        http.post(
            Fixtures.v3(http, "/topics/" + topic + "/records:delete"),
            APPLICATION_JSON,
            "{\"partitions\":[{\"partition_id\":0,\"offset\":1050}]}");
    assertEquals(200, deleted.status(), deleted::toString);

    JsonObject dryRun =
        resetOk(group, body(topic, "to-datetime", "\"datetime\":\"2020-01-01T00:00:00Z\"", true));

    assertEquals(
        Map.of(0, new Line(1060, 1050)), plan(dryRun, topic), "the log start, not the end (1,100)");
  }

  @Test
  void byADurationCountsBackFromNow() {
    Fixtures.GroupAtRest setup = setUp();

    JsonObject executed =
        resetOk(setup.group(), body(setup.topic(), "by-duration", "\"duration\":\"PT1H\"", false));

    // Every record is younger than an hour: back an hour is before all of them.
    Map<Integer, Long> start = Map.of(0, 0L, 1, 0L, 2, 0L);
    assertEquals(expected(setup.committed(), start), plan(executed, setup.topic()));
    assertEquals(start, currentOffsets(setup.group(), setup.topic()));
  }

  @Test
  void onlyTheChosenPartitionsMove() {
    Fixtures.GroupAtRest setup = setUp();

    JsonObject executed =
        resetOk(setup.group(), body(setup.topic(), "to-earliest", "\"partitions\":[0,2]", false));

    assertEquals(expected(setup.committed(), Map.of(0, 0L, 2, 0L)), plan(executed, setup.topic()));
    assertEquals(
        Map.of(0, 0L, 1, setup.committed().get(1), 2, 0L),
        currentOffsets(setup.group(), setup.topic()));
  }

  @Test
  void executedResetsAreListedNewestFirstWithTheOffsetsBeforeAndAfter() {
    Fixtures.GroupAtRest setup = setUp();
    resetOk(setup.group(), body(setup.topic(), "to-earliest", "", false));
    resetOk(setup.group(), body(setup.topic(), "to-latest", "", false));

    Answer list = offsetResets(setup.group());

    JsonArray data = list.object().getJsonArray("data");
    assertEquals(2, data.size(), list::toString);
    JsonObject newest = data.getJsonObject(0);
    JsonObject oldest = data.getJsonObject(1);
    for (JsonObject reset : List.of(newest, oldest)) {
      assertNotNull(reset.get("executed_by"), list::toString);
      assertTrue(reset.containsKey("executed_at") && !reset.isNull("executed_at"), list::toString);
    }
    Map<Integer, Long> start = Map.of(0, 0L, 1, 0L, 2, 0L);
    assertEquals(expected(start, ENDS), plan(newest, setup.topic()), list::toString);
    assertEquals(expected(setup.committed(), start), plan(oldest, setup.topic()), list::toString);
  }

  @Test
  void invalidResetsAreRefusedWith422AndChangeNothing() {
    Fixtures.GroupAtRest setup = setUp();
    String topic = setup.topic();
    List<String> bodies =
        List.of(
            body(topic, "to-somewhere", "", false),
            body(topic, "to-offset", "", false),
            body(topic, "to-offset", "\"offset\":\"x\"", false),
            body(topic, "to-datetime", "\"datetime\":\"yesterday\"", false),
            body(topic, "by-duration", "\"duration\":\"an hour\"", false),
            body(topic, "shift-by", "", false),
            "{\"topic_name\":\"" + topic + "\"}");

    assertAll(
        bodies.stream()
            .map(
                body ->
                    (Executable)
                        () -> {
                          Answer answer = reset(setup.group(), body);
                          assertEquals(422, answer.status(), () -> body + " -> " + answer);
                          assertClientError(answer);
                        }));
    assertEquals(setup.committed(), currentOffsets(setup.group(), setup.topic()));
  }

  @Test
  void anUndoPutsEveryPartitionBackToItsOffsetBeforeTheReset() {
    Fixtures.GroupAtRest setup = setUp();
    JsonObject reset = resetOk(setup.group(), body(setup.topic(), "to-latest", "", false));
    long resetId = reset.getJsonNumber("reset_id").longValue();

    JsonObject preview = undo(setup.group(), resetId, true);
    assertEquals(expected(ENDS, setup.committed()), plan(preview, setup.topic()));
    assertEquals(ENDS, currentOffsets(setup.group(), setup.topic()), "a dry run changes nothing");

    JsonObject undone = undo(setup.group(), resetId, false);
    assertEquals(plan(preview, setup.topic()), plan(undone, setup.topic()));
    assertEquals(setup.committed(), currentOffsets(setup.group(), setup.topic()));
    assertEquals("undo", undone.getString("strategy"));
    JsonObject newest = offsetResets(setup.group()).object().getJsonArray("data").getJsonObject(0);
    assertEquals(resetId, newest.getJsonNumber("undoes_reset_id").longValue(), newest::toString);
  }

  @Test
  void anUndoRemovesTheCommitsOfPartitionsThatHadNoneBefore() {
    String topic = uniqueTopic("undo");
    String group = uniqueTopic("undo-group");
    produce(http, topic, 0, "a", "b");
    JsonObject reset = resetOk(group, body(topic, "to-latest", "", false));
    assertEquals(2L, currentOffsets(group, topic).get(0));

    JsonObject undone = undo(group, reset.getJsonNumber("reset_id").longValue(), false);
    assertTrue(undone.toString().contains("\"new_offset\":null"), undone::toString);
    assertRefused(404, 40410, http.get(Fixtures.v3(http, "/consumer-groups/" + group + "/lags")));
  }

  @Test
  void anUndoOfAResetTheGroupNeverExecutedIs404() {
    Fixtures.GroupAtRest setup = setUp();
    assertRefused(
        404,
        40412,
        http.post(
            Fixtures.v3(
                http, "/consumer-groups/" + setup.group() + "/offset-resets/987654321:undo"),
            APPLICATION_JSON,
            ""));
  }

  private JsonObject undo(String group, long resetId, boolean dryRun) {
    Answer answer =
        http.post(
            Fixtures.v3(http, "/consumer-groups/" + group + "/offset-resets/" + resetId + ":undo"),
            APPLICATION_JSON,
            "{\"dry_run\":" + dryRun + "}");
    assertEquals(200, answer.status(), answer::toString);
    return answer.object();
  }

  @Test
  void aResetOfAnUnknownTopicIs404With40401() {
    Fixtures.GroupAtRest setup = setUp();
    assertRefused(
        404, 40401, reset(setup.group(), body(uniqueTopic("missing"), "to-earliest", "", false)));
    assertEquals(setup.committed(), currentOffsets(setup.group(), setup.topic()));
  }
}
