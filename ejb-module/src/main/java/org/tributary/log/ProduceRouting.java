package org.tributary.log;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicConfigKey;
import org.tributary.topic.TopicMetadata;

/**
 * Admits a produce request before anything is appended: this server must be the writer, the topic
 * must exist (or be auto-created), every record must be valid for it (as Kafka's {@code
 * LogValidator} checks keys, timestamps and sizes), and the {@link Partitioner} chooses each
 * record's partition. One invalid record refuses the whole request.
 */
final class ProduceRouting {

  /** Where a request's records go: the writer's epoch, the topic, and each record's log. */
  record Routed(long writerEpoch, TopicMetadata topic, List<PartitionLog> partitions) {}

  private final Partitioner partitioner = new Partitioner();
  private final LongSupplier requireWriter;
  private final Function<String, TopicMetadata> topicForProduce;
  private final OpenLogs logs;
  private final Clock clock;

  /**
   * @param requireWriter this server's writer epoch, or a refusal when another server writes
   * @param topicForProduce the topic of a name, created if auto-creation is on
   */
  ProduceRouting(
      LongSupplier requireWriter,
      Function<String, TopicMetadata> topicForProduce,
      OpenLogs logs,
      Clock clock) {
    this.requireWriter = requireWriter;
    this.topicForProduce = topicForProduce;
    this.logs = logs;
    this.clock = clock;
  }

  Routed route(String topicName, List<NewRecord> records) {
    long writerEpoch = requireWriter.getAsLong();
    TopicMetadata topic = topicForProduce.apply(topicName);
    int maxMessageBytes = topic.config().maxMessageBytes();
    int sticky = partitioner.stickyPartition(topic);
    long now = clock.millis();
    List<PartitionLog> partitions = new ArrayList<>(records.size());
    long stickyBytes = 0;
    for (int i = 0; i < records.size(); i++) {
      NewRecord record = records.get(i);
      validate(topic, record, i, maxMessageBytes, now);
      int partition = partitioner.partition(topic, record.partition(), record.key(), sticky);
      partitions.add(logs.log(topic, partition));
      if (record.partition() == null && record.key() == null) {
        stickyBytes += record.keyAndValueSize();
      }
    }
    partitioner.produced(topic, stickyBytes);
    return new Routed(writerEpoch, topic, partitions);
  }

  /**
   * The logs of a Kafka producer's batches, which name their partitions; this server must be the
   * writer.
   */
  List<PartitionLog> logsOf(List<ProducedBatch> batches) {
    requireWriter.getAsLong();
    List<PartitionLog> partitions = new ArrayList<>(batches.size());
    for (ProducedBatch batch : batches) {
      if (!batch.topic().hasPartition(batch.partition())) {
        throw TributaryException.unknownPartition(
            batch.topic().name(), batch.partition(), batch.topic().partitions());
      }
      partitions.add(logs.log(batch.topic(), batch.partition()));
    }
    return partitions;
  }

  private static void validate(
      TopicMetadata topic, NewRecord record, int index, int maxMessageBytes, long now) {
    if (record.key() == null && topic.config().compacted()) {
      throw new TributaryException(
          ErrorCode.INVALID_RECORD,
          "Record "
              + index
              + " has no key, but topic '"
              + topic.name()
              + "' is compacted (cleanup.policy="
              + topic.config().get(TopicConfigKey.CLEANUP_POLICY)
              + "): compaction keeps the latest record per key, so every record needs one."
              + " Nothing was appended.");
    }
    if (record.timestamp() != null && record.timestamp() < 0) {
      throw new TributaryException(
          ErrorCode.INVALID_RECORD,
          "Record " + index + " has a negative timestamp (" + record.timestamp() + ").");
    }
    if (record.timestamp() != null && !topic.config().acceptsTimestamp(record.timestamp(), now)) {
      throw new TributaryException(
          ErrorCode.INVALID_TIMESTAMP,
          "Record "
              + index
              + " has timestamp "
              + record.timestamp()
              + ", out of range for topic '"
              + topic.name()
              + "' at broker time "
              + now
              + ": it may be at most "
              + topic.config().get(TopicConfigKey.MESSAGE_TIMESTAMP_BEFORE_MAX_MS)
              + " ms before (message.timestamp.before.max.ms) and "
              + topic.config().get(TopicConfigKey.MESSAGE_TIMESTAMP_AFTER_MAX_MS)
              + " ms after (message.timestamp.after.max.ms). Nothing was appended.");
    }
    int size = BatchBuilder.singleRecordBatchSize(record.key(), record.value(), record.headers());
    if (size > maxMessageBytes) {
      throw new TributaryException(
          ErrorCode.RECORD_TOO_LARGE,
          "Record "
              + index
              + " is "
              + size
              + " bytes as a batch, larger than max.message.bytes="
              + maxMessageBytes
              + " of topic '"
              + topic.name()
              + "'. Nothing was appended.");
    }
  }
}
