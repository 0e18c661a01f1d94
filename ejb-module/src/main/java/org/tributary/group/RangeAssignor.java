package org.tributary.group;

import java.util.List;
import java.util.Map;
import org.tributary.topic.TopicPartition;

/**
 * Kafka's range assignor: per topic, the members subscribed to it (sorted by id) each take a
 * contiguous range of partitions; the first {@code partitions % members} take one extra.
 */
public final class RangeAssignor extends PartitionAssignor {

  public static final String NAME = "range";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  void assign(
      List<SubscribedTopic> topics,
      List<String> members,
      Map<String, List<TopicPartition>> assignment) {
    for (SubscribedTopic topic : topics) {
      List<String> subscribers = topic.subscribers();
      int perMember = topic.partitions() / subscribers.size();
      int withExtra = topic.partitions() % subscribers.size();
      int next = 0;
      for (int i = 0; i < subscribers.size(); i++) {
        int count = perMember + (i < withExtra ? 1 : 0);
        for (int p = next; p < next + count; p++) {
          assignment.get(subscribers.get(i)).add(new TopicPartition(topic.name(), p));
        }
        next += count;
      }
    }
  }
}
