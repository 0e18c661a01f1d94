package org.tributary.log;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.tributary.topic.TopicMetadata;

/**
 * A Kafka produce request waiting for the group commit: its validated batches, one per partition
 * (of any topics), each with its log, and the future that completes with a result per batch.
 */
record PendingBatches(
    List<ProducedBatch> batches,
    List<PartitionLog> logs,
    CompletableFuture<List<BatchAppendResult>> done)
    implements QueuedAppend {

  @Override
  public long payloadBytes() {
    long bytes = 0;
    for (ProducedBatch batch : batches) {
      bytes += batch.sizeInBytes();
    }
    return bytes;
  }

  @Override
  public List<TopicMetadata> closedTopics() {
    List<TopicMetadata> closed = new ArrayList<>();
    for (int i = 0; i < logs.size(); i++) {
      if (logs.get(i).isClosed() && !closed.contains(batches.get(i).topic())) {
        closed.add(batches.get(i).topic());
      }
    }
    return closed;
  }
}
