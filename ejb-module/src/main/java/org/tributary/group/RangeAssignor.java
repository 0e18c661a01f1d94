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
 * Kafka's range assignor: per topic, the members subscribed to it (sorted by id) each take a
 * contiguous range of partitions; the first {@code partitions % members} take one extra.
 */
public final class RangeAssignor implements PartitionAssignor {

  public static final String NAME = "range";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, List<TopicPartition>> assign(
      SortedMap<String, Set<String>> subscriptions, Map<String, Integer> partitionsPerTopic) {
    Map<String, List<TopicPartition>> assignment = new TreeMap<>();
    subscriptions.keySet().forEach(member -> assignment.put(member, new ArrayList<>()));
    Set<String> topics = new TreeSet<>();
    subscriptions.values().forEach(topics::addAll);
    for (String topic : topics) {
      Integer partitions = partitionsPerTopic.get(topic);
      if (partitions == null) {
        continue;
      }
      List<String> members =
          subscriptions.entrySet().stream()
              .filter(entry -> entry.getValue().contains(topic))
              .map(Map.Entry::getKey)
              .toList();
      int perMember = partitions / members.size();
      int withExtra = partitions % members.size();
      int next = 0;
      for (int i = 0; i < members.size(); i++) {
        int count = perMember + (i < withExtra ? 1 : 0);
        for (int p = next; p < next + count; p++) {
          assignment.get(members.get(i)).add(new TopicPartition(topic, p));
        }
        next += count;
      }
    }
    return assignment;
  }
}
