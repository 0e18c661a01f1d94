package org.tributary.system.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.Fixtures.assertRefused;
import static org.tributary.system.Fixtures.createTopic;
import static org.tributary.system.Fixtures.produce;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import jakarta.json.JsonObject;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;
import org.tributary.system.V2Consumer;

/** A member commits only the partitions it owns now. */
class GroupFencingHttpIT {

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  @Test
  void aMemberCannotCommitAPartitionItHandedToAnotherMember() {
    String topic = uniqueTopic("fenced");
    createTopic(http, topic, 2);
    produce(http, topic, 0, "a");
    produce(http, topic, 1, "b");
    String group = uniqueTopic("fenced-group");
    try (V2Consumer first = V2Consumer.earliest(http, group, "first");
        V2Consumer second = V2Consumer.earliest(http, group, "second")) {
      first.subscribe(topic);
      assertEquals(Set.of(0, 1), assignment(first));
      second.subscribe(topic);
      Set<Integer> kept = assignment(first); // the heartbeat lets one partition go
      assertEquals(1, kept.size(), "first keeps one partition");
      int givenAway = kept.contains(0) ? 1 : 0;
      assertEquals(Set.of(givenAway), assignment(second));

      Answer refused = first.tryCommit(topic, givenAway, 1);
      assertRefused(409, 40903, refused);
      assertTrue(
          second.committed(topic, givenAway).isEmpty(), "the new owner's partition has no commit");
      first.commit(topic, kept.iterator().next(), 0); // its one record: committed offset 1
    }
  }

  private Set<Integer> assignment(V2Consumer consumer) {
    Answer answer = http.get(consumer.base() + "/assignments");
    assertEquals(200, answer.status(), answer::toString);
    return answer.object().getJsonArray("partitions").getValuesAs(JsonObject.class).stream()
        .map(p -> p.getInt("partition"))
        .collect(Collectors.toSet());
  }
}
