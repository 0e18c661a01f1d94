package org.tributary.log;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.tributary.topic.TopicMetadata;

/**
 * What waits on the group-commit writer's queue: records to be built into batches ({@link
 * PendingAppend}, REST and the facade), or batches a Kafka producer built ({@link PendingBatches}).
 */
sealed interface QueuedAppend permits PendingAppend, PendingBatches {

  /** Completes once everything is durable, or fails. */
  CompletableFuture<?> done();

  long payloadBytes();

  /** The deleted topics among those it appends to: the whole append is refused. */
  List<TopicMetadata> closedTopics();
}
