package org.tributary.log;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.tributary.topic.TopicConfig;

/**
 * The batches that one group commit writes to one partition: records from every producer in the
 * commit, offsets assigned in order, a new batch started whenever {@code max.message.bytes} would
 * be exceeded. Writer thread only.
 */
final class PartitionBatches {

  private final PartitionLog log;
  private final TopicConfig config;
  private final Long logAppendTime;
  private final long now;
  private final List<EncodedBatch> sealed = new ArrayList<>();
  private BatchBuilder open;

  PartitionBatches(PartitionLog log, TopicConfig config, long now) {
    this.log = log;
    this.config = config;
    this.now = now;
    this.logAppendTime = config.logAppendTime() ? now : null;
  }

  RecordMetadata append(NewRecord record) {
    long timestamp =
        logAppendTime != null
            ? logAppendTime
            : record.timestamp() != null ? record.timestamp() : now;
    if (open != null
        && !open.hasRoomFor(timestamp, record.key(), record.value(), record.headers())) {
      sealed.add(open.build());
      open = null;
    }
    long offset = log.assignOffset();
    if (open == null) {
      open =
          new BatchBuilder(
              offset, config.compressionType(), logAppendTime, config.maxMessageBytes());
    }
    open.append(offset, timestamp, record.key(), record.value(), record.headers());
    return new RecordMetadata(
        log.topicPartition().topic(), log.topicPartition().partition(), offset, timestamp);
  }

  List<EncodedBatch> seal() {
    if (open != null) {
      sealed.add(open.build());
      open = null;
    }
    return sealed;
  }

  StoredBatch row(EncodedBatch batch) {
    return new StoredBatch(log.topicId(), log.topicPartition().partition(), batch);
  }

  /** Makes the batches visible; returns the fetches to wake. */
  List<CompletableFuture<Void>> publish() {
    return log.appended(sealed);
  }
}
