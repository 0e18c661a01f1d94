package org.tributary.group;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicPartition;

/** Assigns each partition of the subscribed topics to exactly one member of a group. */
public interface PartitionAssignor {

  /** The name clients ask for, as Kafka's {@code partition.assignment.strategy} names it. */
  String name();

  /**
   * @param subscriptions each member's subscribed topics, by member id (sorted, so the result does
   *     not depend on join order)
   * @param partitionsPerTopic how many partitions each existing topic has; subscribed topics that
   *     do not exist are ignored
   * @return every member's partitions, an empty list for a member that gets none
   */
  Map<String, List<TopicPartition>> assign(
      SortedMap<String, Set<String>> subscriptions, Map<String, Integer> partitionsPerTopic);

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
