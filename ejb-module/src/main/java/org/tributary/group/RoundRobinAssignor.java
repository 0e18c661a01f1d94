package org.tributary.group;

import java.util.List;
import java.util.Map;
import org.tributary.topic.TopicPartition;

/**
 * Kafka's round-robin assignor: all subscribed partitions, sorted by topic and partition, are dealt
 * to the members in turn (sorted by id), skipping members not subscribed to a topic.
 */
public final class RoundRobinAssignor extends PartitionAssignor {

  public static final String NAME = "roundrobin";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  void assign(
      List<SubscribedTopic> topics,
      List<String> members,
      Map<String, List<TopicPartition>> assignment) {
    int turn = 0;
    for (SubscribedTopic topic : topics) {
      for (int p = 0; p < topic.partitions(); p++) {
        while (!topic.subscribers().contains(members.get(turn % members.size()))) {
          turn++;
        }
        assignment.get(members.get(turn % members.size())).add(new TopicPartition(topic.name(), p));
        turn++;
      }
    }
  }
}
