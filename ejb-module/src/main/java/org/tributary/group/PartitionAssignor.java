package org.tributary.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicPartition;

/** Assigns each partition of the subscribed topics to exactly one member of a group. */
public abstract class PartitionAssignor {

  /** The name clients ask for, as Kafka's {@code partition.assignment.strategy} names it. */
  public abstract String name();

  /**
   * @param subscriptions each member's subscribed topics, by member id (sorted, so the result does
   *     not depend on join order)
   * @param partitionsPerTopic how many partitions each existing topic has; subscribed topics that
   *     do not exist are ignored
   * @return every member's partitions, an empty list for a member that gets none
   */
  public final Map<String, List<TopicPartition>> assign(
      SortedMap<String, Set<String>> subscriptions, Map<String, Integer> partitionsPerTopic) {
    Map<String, List<TopicPartition>> assignment = new TreeMap<>();
    subscriptions.keySet().forEach(member -> assignment.put(member, new ArrayList<>()));
    Set<String> topicNames = new TreeSet<>();
    subscriptions.values().forEach(topicNames::addAll);
    List<SubscribedTopic> topics = new ArrayList<>();
    for (String topic : topicNames) {
      Integer partitions = partitionsPerTopic.get(topic);
      if (partitions != null) {
        List<String> subscribers =
            subscriptions.entrySet().stream()
                .filter(entry -> entry.getValue().contains(topic))
                .map(Map.Entry::getKey)
                .toList();
        topics.add(new SubscribedTopic(topic, partitions, subscribers));
      }
    }
    assign(topics, new ArrayList<>(subscriptions.keySet()), assignment);
    return assignment;
  }

  /** An existing topic with its partition count and its subscribers, in member id order. */
  record SubscribedTopic(String name, int partitions, List<String> subscribers) {}

  /**
   * Adds every partition of {@code topics} (in name order) to the list of exactly one member in
   * {@code assignment}; {@code members} are all members in id order.
   */
  abstract void assign(
      List<SubscribedTopic> topics,
      List<String> members,
      Map<String, List<TopicPartition>> assignment);

  static PartitionAssignor named(String name) {
    return switch (name == null ? RangeAssignor.NAME : name) {
      case RangeAssignor.NAME -> new RangeAssignor();
      case RoundRobinAssignor.NAME -> new RoundRobinAssignor();
      default ->
          throw new TributaryException(
              ErrorCode.INCONSISTENT_GROUP_PROTOCOL,
              "Unknown partition assignor '"
                  + name
                  + "'; use '"
                  + RangeAssignor.NAME
                  + "' or '"
                  + RoundRobinAssignor.NAME
                  + "'.");
    };
  }
}
