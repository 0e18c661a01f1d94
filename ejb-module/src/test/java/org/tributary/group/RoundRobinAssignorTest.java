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

class RoundRobinAssignorTest {

  private final RoundRobinAssignor assignor = new RoundRobinAssignor();

  @Test
  void kafkasDocumentedExample() {
    // Two consumers, two topics of three partitions each (Kafka's RoundRobinAssignor javadoc).
    Map<String, List<TopicPartition>> assignment =
        assignor.assign(twoConsumersOnTwoTopics(), Map.of("t0", 3, "t1", 3));
    assertEquals(List.of(tp("t0", 0), tp("t0", 2), tp("t1", 1)), assignment.get("C0"));
    assertEquals(List.of(tp("t0", 1), tp("t1", 0), tp("t1", 2)), assignment.get("C1"));
  }

  @Test
  void unequalSubscriptionsSkipMembersNotSubscribed() {
    // Kafka's javadoc example: C0 [t0], C1 [t0, t1], C2 [t0, t1, t2]; t0 has 1, t1 2, t2 3.
    TreeMap<String, Set<String>> subscriptions = new TreeMap<>();
    subscriptions.put("C0", Set.of("t0"));
    subscriptions.put("C1", Set.of("t0", "t1"));
    subscriptions.put("C2", Set.of("t0", "t1", "t2"));
    Map<String, List<TopicPartition>> assignment =
        assignor.assign(subscriptions, Map.of("t0", 1, "t1", 2, "t2", 3));
    assertEquals(List.of(tp("t0", 0)), assignment.get("C0"));
    assertEquals(List.of(tp("t1", 0)), assignment.get("C1"));
    assertEquals(List.of(tp("t1", 1), tp("t2", 0), tp("t2", 1), tp("t2", 2)), assignment.get("C2"));
  }

  @Test
  void everyPartitionGoesToExactlyOneMember() {
    TreeMap<String, Set<String>> subscriptions = new TreeMap<>();
    for (int i = 0; i < 4; i++) {
      subscriptions.put("m" + i, Set.of("t"));
    }
    Map<String, List<TopicPartition>> assignment = assignor.assign(subscriptions, Map.of("t", 10));
    List<TopicPartition> all = assignment.values().stream().flatMap(List::stream).sorted().toList();
    assertEquals(10, all.size());
    assertEquals(10, Set.copyOf(all).size());
  }
}
