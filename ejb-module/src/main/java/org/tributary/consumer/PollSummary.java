package org.tributary.consumer;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one poll delivered, for the broker's list of clients: the group (null for a manual
 * assignment), the topics of the records (or, for an empty poll, the topics the consumer reads),
 * how many records and how many bytes of keys and values.
 */
public record PollSummary(String group, Set<String> topics, int records, long bytes) {

  public static PollSummary of(GroupConsumer consumer, List<ConsumedRecord> delivered) {
    Set<String> topics = new TreeSet<>();
    long bytes = 0;
    for (ConsumedRecord record : delivered) {
      topics.add(record.topic());
      bytes += record.record().keyAndValueSize();
    }
    return new PollSummary(
        consumer.manuallyAssigned() ? null : consumer.groupId(),
        topics.isEmpty() ? consumer.topics() : topics,
        delivered.size(),
        bytes);
  }
}
