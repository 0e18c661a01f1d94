package org.tributary.system.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.Fixtures.assertRefused;
import static org.tributary.system.TributaryHttp.APPLICATION_JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;
import org.tributary.system.V2Consumer;

/**
 * Deleting a consumer group ({@code DELETE .../consumer-groups/{g}}, Kafka's DeleteGroups) and its
 * offsets of a topic ({@code POST .../consumer-groups/{g}/offsets:delete}, Kafka's OffsetDelete)
 * against the running server.
 */
class GroupDeletionHttpIT {

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  private String group(String group) {
    return Fixtures.v3(http, "/consumer-groups/" + group);
  }

  private Answer deleteGroup(TributaryHttp as, String group) {
    return as.delete(Fixtures.v3(as, "/consumer-groups/" + group));
  }

  private Answer deleteOffsets(TributaryHttp as, String group, String body) {
    return as.post(
        Fixtures.v3(as, "/consumer-groups/" + group + "/offsets:delete"), APPLICATION_JSON, body);
  }

  /** The committed offsets the group's lags show for the topic, by partition. */
  private Map<Integer, Long> committed(String group, String topic) {
    Map<Integer, Long> committed = new HashMap<>();
    Fixtures.lags(http, group, topic)
        .forEach(
            (partition, lag) -> {
              if (lag.containsKey("current_offset")
                  && lag.get("current_offset").getValueType() == JsonValue.ValueType.NUMBER) {
                committed.put(partition, lag.getJsonNumber("current_offset").longValue());
              }
            });
    return committed;
  }

  @Test
  void aGroupAtRestIsDeletedWithItsOffsetsAndIsThenNotFound() {
    Fixtures.GroupAtRest setup = Fixtures.groupAtRest(http, "delgroup");

    Answer deleted = deleteGroup(http, setup.group());

    assertEquals(204, deleted.status(), deleted::toString);
    assertRefused(404, 40410, http.get(group(setup.group())));
    JsonObject list = http.get(Fixtures.v3(http, "/consumer-groups")).object();
    assertFalse(Fixtures.names(list, "consumer_group_id").contains(setup.group()), "not listed");
    assertRefused(404, 40410, deleteGroup(http, setup.group()));
    // A new instance of the group starts afresh, by auto.offset.reset (earliest): all 10 records.
    try (V2Consumer again = V2Consumer.earliest(http, setup.group(), "again")) {
      again.subscribe(setup.topic());
      assertEquals(10, again.pollUntil(10).size());
    }
  }

  @Test
  void aGroupWithALiveConsumerInstanceIsNotDeleted() {
    Fixtures.GroupAtRest setup = Fixtures.groupAtRest(http, "delbusy");
    try (V2Consumer active = V2Consumer.earliest(http, setup.group(), "active")) {
      active.subscribe(setup.topic());
      active.pollUntil(1);

      Answer refused = deleteGroup(http, setup.group());

      assertRefused(409, 40904, refused);
      String message = refused.object().getString("message");
      assertTrue(message.contains("has 1 active member"), message);
      assertTrue(message.contains("stop its consumers"), message);
      assertEquals(setup.committed(), committed(setup.group(), setup.topic()), "offsets kept");
    }

    assertEquals(204, deleteGroup(http, setup.group()).status(), "deleted once it has no members");
  }

  @Test
  void offsetsOfSomePartitionsAreDeletedAndTheOthersKept() {
    Fixtures.GroupAtRest setup = Fixtures.groupAtRest(http, "deloffs");

    Answer deleted =
        deleteOffsets(
            http, setup.group(), "{\"topic_name\":\"" + setup.topic() + "\",\"partitions\":[0,2]}");

    assertEquals(200, deleted.status(), deleted::toString);
    assertEquals("KafkaDeletedOffsetList", deleted.object().getString("kind"), deleted::toString);
    Map<Integer, Long> answered = new HashMap<>();
    for (JsonObject line : deleted.object().getJsonArray("data").getValuesAs(JsonObject.class)) {
      assertEquals(setup.topic(), line.getString("topic_name"));
      answered.put(line.getInt("partition_id"), line.getJsonNumber("offset").longValue());
    }
    assertEquals(Map.of(0, 2L, 2, 2L), answered, "the offsets as they were");
    assertEquals(Map.of(1, 1L), committed(setup.group(), setup.topic()));

    Answer rest = deleteOffsets(http, setup.group(), "{\"topic_name\":\"" + setup.topic() + "\"}");
    assertEquals(200, rest.status(), rest::toString);
    assertEquals(1, rest.object().getJsonArray("data").size(), rest::toString);
    assertRefused(404, 40410, http.get(group(setup.group())));
  }

  @Test
  void offsetsOfATopicALiveMemberSubscribesToAreNotDeletedButOthersAre() {
    Fixtures.GroupAtRest setup = Fixtures.groupAtRest(http, "delsub");
    String other = TributaryHttp.uniqueTopic("delsub-other");
    Fixtures.createTopic(http, other, 1);
    String ofTopic = "{\"topic_name\":\"" + setup.topic() + "\"}";
    try (V2Consumer active = V2Consumer.earliest(http, setup.group(), "active")) {
      active.subscribe(setup.topic());
      active.pollUntil(1);

      Answer refused = deleteOffsets(http, setup.group(), ofTopic);

      assertRefused(409, 40907, refused);
      assertTrue(
          refused.object().getString("message").contains("subscribed to topic '" + setup.topic()),
          refused::toString);
      assertEquals(setup.committed(), committed(setup.group(), setup.topic()));
    }
    try (V2Consumer elsewhere = V2Consumer.earliest(http, setup.group(), "elsewhere")) {
      elsewhere.subscribe(other);
      elsewhere.poll(100);

      Answer deleted = deleteOffsets(http, setup.group(), ofTopic);

      assertEquals(200, deleted.status(), "its members consume another topic: " + deleted);
      assertEquals(Map.of(), committed(setup.group(), setup.topic()));
    }
  }

  @Test
  void badRequestsAreRefusedWithClearCodes() {
    Fixtures.GroupAtRest setup = Fixtures.groupAtRest(http, "delbad");
    String topic = "{\"topic_name\":\"" + setup.topic() + "\"";

    assertRefused(404, 40410, deleteGroup(http, "no-such-group-" + setup.topic()));
    assertRefused(404, 40410, deleteOffsets(http, "no-such-group-" + setup.topic(), topic + "}"));
    assertRefused(
        404, 40401, deleteOffsets(http, setup.group(), "{\"topic_name\":\"no-such-topic-x\"}"));
    Answer outOfRange = deleteOffsets(http, setup.group(), topic + ",\"partitions\":[0,3]}");
    assertRefused(404, 40402, outOfRange);
    assertRefused(404, 40402, deleteOffsets(http, setup.group(), topic + ",\"partitions\":[-1]}"));
    assertRefused(422, 42200, deleteOffsets(http, setup.group(), topic + ",\"partitions\":[]}"));
    assertRefused(422, 42200, deleteOffsets(http, setup.group(), "{\"partitions\":[0]}"));
    assertRefused(400, 400, deleteOffsets(http, setup.group(), "{not json"));
    assertEquals(setup.committed(), committed(setup.group(), setup.topic()), "nothing deleted");
  }

  @Test
  void onlyAnAdminDeletes() {
    Fixtures.GroupAtRest setup = Fixtures.groupAtRest(http, "delrole");
    TributaryHttp viewer = Fixtures.createUser(http, "delviewer", "viewer");
    TributaryHttp consumer = Fixtures.createUser(http, "delconsumer", "consumer");

    assertRefused(403, 40301, deleteGroup(viewer, setup.group()));
    assertRefused(403, 40301, deleteGroup(consumer, setup.group()));
    assertRefused(
        403,
        40301,
        deleteOffsets(viewer, setup.group(), "{\"topic_name\":\"" + setup.topic() + "\"}"));
    assertEquals(setup.committed(), committed(setup.group(), setup.topic()));
  }
}
