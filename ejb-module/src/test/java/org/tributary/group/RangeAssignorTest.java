package org.tributary.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tributary.group.AssignorFixtures.tp;
import static org.tributary.group.AssignorFixtures.twoConsumersOnTwoTopics;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.tributary.topic.TopicPartition;

class RangeAssignorTest {

  private final RangeAssignor assignor = new RangeAssignor();

  @Test
  void kafkasDocumentedExample() {
    // Two consumers, two topics of three partitions each (Kafka's RangeAssignor javadoc).
    Map<String, List<TopicPartition>> assignment =
        assignor.assign(twoConsumersOnTwoTopics(), Map.of("t0", 3, "t1", 3));
    assertEquals(List.of(tp("t0", 0), tp("t0", 1), tp("t1", 0), tp("t1", 1)), assignment.get("C0"));
    assertEquals(List.of(tp("t0", 2), tp("t1", 2)), assignment.get("C1"));
  }

  @Test
  void membersBeyondThePartitionCountGetNothing() {
    TreeMap<String, Set<String>> subscriptions = new TreeMap<>();
    for (String member : List.of("a", "b", "c")) {
      subscriptions.put(member, Set.of("t"));
    }
    Map<String, List<TopicPartition>> assignment = assignor.assign(subscriptions, Map.of("t", 2));
    assertEquals(List.of(tp("t", 0)), assignment.get("a"));
    assertEquals(List.of(tp("t", 1)), assignment.get("b"));
    assertEquals(List.of(), assignment.get("c"));
  }

  @Test
  void onlySubscribersOfATopicShareIt() {
    TreeMap<String, Set<String>> subscriptions = new TreeMap<>();
    subscriptions.put("a", Set.of("t", "u"));
    subscriptions.put("b", Set.of("u"));
    Map<String, List<TopicPartition>> assignment =
        assignor.assign(subscriptions, Map.of("t", 2, "u", 2, "v", 5));
    assertEquals(List.of(tp("t", 0), tp("t", 1), tp("u", 0)), assignment.get("a"));
    assertEquals(List.of(tp("u", 1)), assignment.get("b"));
  }

  @Test
  void subscribedTopicsThatDoNotExistAreIgnored() {
    TreeMap<String, Set<String>> subscriptions = new TreeMap<>();
    subscriptions.put("a", Set.of("missing"));
    assertEquals(Map.of("a", List.of()), assignor.assign(subscriptions, Map.of()));
  }
}
