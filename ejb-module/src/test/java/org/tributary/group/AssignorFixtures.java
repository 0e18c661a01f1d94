package org.tributary.group;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.tributary.topic.TopicPartition;

/** Shorthands for the assignor tests. */
final class AssignorFixtures {

  private AssignorFixtures() {}

  static TopicPartition tp(String topic, int partition) {
    return new TopicPartition(topic, partition);
  }

  static SortedMap<String, Set<String>> subscriptions(Map<String, Set<String>> byMember) {
    return new TreeMap<>(byMember);
  }

  /** Kafka's javadoc example: consumers C0 and C1, both subscribed to t0 and t1. */
  static SortedMap<String, Set<String>> twoConsumersOnTwoTopics() {
    return subscriptions(Map.of("C0", Set.of("t0", "t1"), "C1", Set.of("t0", "t1")));
  }
}
