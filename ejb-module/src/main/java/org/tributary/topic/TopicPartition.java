package org.tributary.topic;

/** One partition of one topic, the unit of ordering and of assignment. */
public record TopicPartition(String topic, int partition) implements Comparable<TopicPartition> {

  @Override
  public int compareTo(TopicPartition other) {
    int byTopic = topic.compareTo(other.topic);
    return byTopic != 0 ? byTopic : Integer.compare(partition, other.partition);
  }

  @Override
  public String toString() {
    return topic + "-" + partition;
  }
}
