package org.tributary.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tributary.topic.TopicPartition;

/**
 * Kafka's round-robin assignor: all subscribed partitions, sorted by topic and partition, are dealt
 * to the members in turn (sorted by id), skipping members not subscribed to a topic.
 */
public final class RoundRobinAssignor implements PartitionAssignor {

  public static final String NAME = "roundrobin";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, List<TopicPartition>> assign(
      SortedMap<String, Set<String>> subscriptions, Map<String, Integer> partitionsPerTopic) {
    Map<String, List<TopicPartition>> assignment = new TreeMap<>();
    subscriptions.keySet().forEach(member -> assignment.put(member, new ArrayList<>()));
    List<String> members = new ArrayList<>(subscriptions.keySet());
    Set<String> topics = new TreeSet<>();
    subscriptions.values().forEach(topics::addAll);
    int turn = 0;
    for (String topic : topics) {
      Integer partitions = partitionsPerTopic.get(topic);
      if (partitions == null) {
        continue;
      }
      for (int p = 0; p < partitions; p++) {
        while (!subscriptions.get(members.get(turn % members.size())).contains(topic)) {
          turn++;
        }
        assignment.get(members.get(turn % members.size())).add(new TopicPartition(topic, p));
        turn++;
      }
    }
    return assignment;
  }
}
