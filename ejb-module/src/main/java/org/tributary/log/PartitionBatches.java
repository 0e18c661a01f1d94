package org.tributary.log;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.tributary.topic.TopicConfig;

/**
 * The batches that one commit writes to one partition: records from every producer in the commit,
 * offsets assigned in order from a range reserved for them, a new batch started whenever {@code
 * max.message.bytes} would be exceeded. One thread only.
 */
final class PartitionBatches {

  private final PartitionLog log;
  private final TopicConfig config;
  private final Long logAppendTime;
  private final long now;
  private final List<EncodedBatch> sealed = new ArrayList<>();
  private final long base;
  private long nextOffset;
  private BatchBuilder open;

  /** For {@code count} records, whose offsets are reserved at once. */
  PartitionBatches(PartitionLog log, TopicConfig config, long now, int count) {
    this.log = log;
    this.base = log.reserve(count);
    this.nextOffset = base;
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
    long offset = nextOffset++;
    if (open == null) {
      open =
          new BatchBuilder(
              offset, config.compressionType(), logAppendTime, config.maxMessageBytes());
    }
    open.append(offset, timestamp, record.key(), record.value(), record.headers());
    return new RecordMetadata(
        log.topicPartition().topic(), log.topicPartition().partition(), offset, timestamp);
  }

  /**
   * Places a producer's batch, as it is, at the next offsets; records appended before and after it
   * go into batches of their own.
   *
   * @return its base offset
   */
  long append(ProducedBatch batch) {
    if (open != null) {
      sealed.add(open.build());
      open = null;
    }
    long baseOffset = nextOffset;
    nextOffset += batch.recordCount();
    sealed.add(batch.at(baseOffset, logAppendTime));
    return baseOffset;
  }

  /** The broker time stamped on this commit's batches, or -1 for CreateTime (Kafka's answer). */
  long logAppendTime() {
    return logAppendTime == null ? -1 : logAppendTime;
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

  /** The batches are durable: makes them visible; returns the fetches to wake. */
  List<CompletableFuture<Void>> publish() {
    return log.settled(base, sealed);
  }

  /** The batches will never be stored: their offsets become a gap; returns the fetches to wake. */
  List<CompletableFuture<Void>> abandon() {
    return log.abandoned(base);
  }
}
