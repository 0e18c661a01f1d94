package org.tributary.log;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.tributary.topic.TopicMetadata;

/**
 * One producer's request waiting for the group commit: its records, each already routed to a
 * partition, and the future that completes once they are durable.
 */
record PendingAppend(
    TopicMetadata topic,
    List<PartitionLog> partitions,
    List<NewRecord> records,
    CompletableFuture<List<RecordMetadata>> done)
    implements QueuedAppend {

  @Override
  public long payloadBytes() {
    return NewRecord.payloadBytes(records);
  }

  @Override
  public List<TopicMetadata> closedTopics() {
    return partitions.stream().anyMatch(PartitionLog::isClosed) ? List.of(topic) : List.of();
  }
}
