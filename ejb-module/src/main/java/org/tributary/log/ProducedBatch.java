package org.tributary.log;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.utils.internals.BufferSupplier;
import org.apache.kafka.common.utils.internals.CloseableIterator;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicConfigKey;
import org.tributary.topic.TopicMetadata;

/**
 * A Kafka producer's RecordBatch v2 for one partition, validated as Kafka's {@code LogValidator}
 * does and ready to be appended byte for byte: the writer only sets its base offset (and, for
 * LogAppendTime topics, its max timestamp), which keeps the CRC valid. It is re-encoded only when
 * the topic's {@code compression.type} names another codec, as Kafka recompresses.
 */
public final class ProducedBatch {

  /** A batch may decompress to at most this many times max.message.bytes (at least 1 MiB). */
  private static final int DECOMPRESSED_LIMIT_FACTOR = 16;

  private final TopicMetadata topic;
  private final int partition;
  private final byte[] bytes;
  private final ProducerBatch producer;
  private final int recordCount;
  private final long firstTimestamp;
  private final long maxTimestamp;

  private ProducedBatch(
      TopicMetadata topic,
      int partition,
      byte[] bytes,
      ProducerBatch producer,
      int recordCount,
      long firstTimestamp,
      long maxTimestamp) {
    this.topic = topic;
    this.partition = partition;
    this.bytes = bytes;
    this.producer = producer;
    this.recordCount = recordCount;
    this.firstTimestamp = firstTimestamp;
    this.maxTimestamp = maxTimestamp;
  }

  /**
   * Validates what a produce request holds for one partition: exactly one RecordBatch v2 with a
   * valid CRC, consistent record count and offset deltas, no transaction or control marker, within
   * the topic's {@code max.message.bytes}, every timestamp within the topic's bounds (CreateTime
   * topics) and every record keyed on a compacted topic. The bytes are copied: the request's buffer
   * is not kept.
   *
   * @throws RecordRefusal with Kafka's error, naming the record at fault when one is
   */
  public static ProducedBatch validate(
      TopicMetadata topic, int partition, MemoryRecords records, long now) {
    Iterator<MutableRecordBatch> batches = records.batches().iterator();
    MutableRecordBatch batch;
    try {
      if (!batches.hasNext()) {
        throw refused(
            ErrorCode.INVALID_RECORD,
            "The request holds no record batch for " + where(topic, partition) + ".");
      }
      batch = batches.next();
      if (batch.magic() != RecordBatch.MAGIC_VALUE_V2) {
        throw refused(
            ErrorCode.INVALID_RECORD,
            "Only RecordBatch v2 (magic 2) is accepted; got magic " + batch.magic() + ".");
      }
      batch.ensureValid();
      if (batches.hasNext() || batch.sizeInBytes() != records.sizeInBytes()) {
        throw refused(
            ErrorCode.INVALID_RECORD,
            "A produce request must hold exactly one record batch per partition ("
                + where(topic, partition)
                + ").");
      }
    } catch (CorruptRecordException e) {
      throw refused(
          ErrorCode.CORRUPT_MESSAGE,
          "The record batch for " + where(topic, partition) + " is corrupt: " + e.getMessage());
    }
    if (batch.isTransactional() || batch.isControlBatch()) {
      throw refused(
          ErrorCode.INVALID_RECORD,
          "Kafka transactions are not supported by Tributary (a transactional or control batch"
              + " was sent); use the JTA facade for transactional sends.");
    }
    Integer count = batch.countOrNull();
    long offsetSpan = batch.lastOffset() - batch.baseOffset() + 1;
    if (count == null || count <= 0 || offsetSpan != count) {
      throw refused(
          ErrorCode.INVALID_RECORD,
          "The record batch's record count ("
              + count
              + ") does not match its offset range ("
              + offsetSpan
              + ").");
    }
    if (batch.hasProducerId() && batch.baseSequence() == RecordBatch.NO_SEQUENCE) {
      throw refused(
          ErrorCode.INVALID_RECORD, "An idempotent producer's batch must carry a sequence number.");
    }
    int maxMessageBytes = topic.config().maxMessageBytes();
    if (batch.sizeInBytes() > maxMessageBytes) {
      throw tooLarge(topic, batch.sizeInBytes());
    }
    List<Record> copies = new ArrayList<>();
    long first = RecordBatch.NO_TIMESTAMP;
    long max = RecordBatch.NO_TIMESTAMP;
    boolean checkTimestamps = !topic.config().logAppendTime();
    boolean recompress = recompresses(topic, batch.compressionType());
    // Record sizes are what a record declares; a compressed batch could declare gigabytes in a few
    // bytes. Each record is capped at max.message.bytes, and only a batch that must be
    // recompressed has its keys and values read at all (Kafka's LogValidator skips them too).
    long decompressedLimit = DECOMPRESSED_LIMIT_FACTOR * (long) Math.max(maxMessageBytes, 1 << 20);
    long decompressed = 0;
    try (CloseableIterator<Record> iterator =
        recompress
            ? batch.streamingIterator(BufferSupplier.NO_CACHING, maxMessageBytes)
            : batch.skipKeyValueIterator(BufferSupplier.NO_CACHING, maxMessageBytes)) {
      int index = 0;
      while (iterator.hasNext()) {
        Record record = iterator.next();
        decompressed += record.sizeInBytes();
        if (decompressed > decompressedLimit || index >= count) {
          throw refused(
              ErrorCode.INVALID_RECORD,
              "The record batch holds more than it declares ("
                  + count
                  + " records) or decompresses to more than "
                  + decompressedLimit
                  + " bytes.",
              index);
        }
        if (record.offset() != batch.baseOffset() + index) {
          throw refused(
              ErrorCode.INVALID_RECORD,
              "Record "
                  + index
                  + " has offset delta "
                  + (record.offset() - batch.baseOffset())
                  + "; the deltas must count 0, 1, 2, …",
              index);
        }
        if (!record.hasKey() && topic.config().compacted()) {
          throw refused(
              ErrorCode.INVALID_RECORD,
              "Record "
                  + index
                  + " has no key, but topic '"
                  + topic.name()
                  + "' is compacted ("
                  + TopicConfigKey.CLEANUP_POLICY
                  + "="
                  + topic.config().get(TopicConfigKey.CLEANUP_POLICY)
                  + "): every record needs one.",
              index);
        }
        long timestamp = record.timestamp();
        if (checkTimestamps
            && timestamp != RecordBatch.NO_TIMESTAMP
            && !topic.config().acceptsTimestamp(timestamp, now)) {
          throw refused(
              ErrorCode.INVALID_TIMESTAMP,
              "Record "
                  + index
                  + " has timestamp "
                  + timestamp
                  + ", out of range for topic '"
                  + topic.name()
                  + "' at broker time "
                  + now
                  + " ("
                  + TopicConfigKey.MESSAGE_TIMESTAMP_BEFORE_MAX_MS
                  + "="
                  + topic.config().get(TopicConfigKey.MESSAGE_TIMESTAMP_BEFORE_MAX_MS)
                  + ", "
                  + TopicConfigKey.MESSAGE_TIMESTAMP_AFTER_MAX_MS
                  + "="
                  + topic.config().get(TopicConfigKey.MESSAGE_TIMESTAMP_AFTER_MAX_MS)
                  + ").",
              index);
        }
        if (index == 0) {
          first = timestamp;
        }
        max = Math.max(max, timestamp);
        if (recompress) {
          copies.add(record);
        }
        index++;
      }
      if (index != count) {
        throw refused(
            ErrorCode.INVALID_RECORD,
            "The record batch says " + count + " records but holds " + index + ".");
      }
    } catch (KafkaException | BufferUnderflowException | IllegalArgumentException e) {
      // What kafka-clients throws for records it cannot read (a codec stream that is not one,
      // lengths past the end) behind a valid CRC: the client's mistake, not the broker's.
      throw refused(
          ErrorCode.CORRUPT_MESSAGE,
          "The record batch for " + where(topic, partition) + " is corrupt: " + e.getMessage());
    }
    ProducerBatch producer = ProducerBatch.of(batch);
    byte[] bytes = recompress ? recompressed(topic, batch, copies) : copy(batch);
    if (bytes.length > maxMessageBytes) {
      throw tooLarge(topic, bytes.length);
    }
    return new ProducedBatch(topic, partition, bytes, producer, count, first, max);
  }

  public TopicMetadata topic() {
    return topic;
  }

  public int partition() {
    return partition;
  }

  public int recordCount() {
    return recordCount;
  }

  public int sizeInBytes() {
    return bytes.length;
  }

  ProducerBatch producer() {
    return producer;
  }

  /**
   * The batch at its place in the log: a copy of its bytes with the base offset set (and the
   * broker's time as max timestamp for LogAppendTime), through kafka-clients, which rewrites the
   * CRC only when the timestamp changes.
   */
  EncodedBatch at(long baseOffset, Long logAppendTime) {
    byte[] placed = bytes.clone();
    MutableRecordBatch batch =
        MemoryRecords.readableRecords(ByteBuffer.wrap(placed)).batches().iterator().next();
    long lastOffset = baseOffset + recordCount - 1;
    batch.setLastOffset(lastOffset);
    if (logAppendTime != null) {
      batch.setMaxTimestamp(TimestampType.LOG_APPEND_TIME, logAppendTime);
      return new EncodedBatch(
          baseOffset, lastOffset, logAppendTime, logAppendTime, recordCount, placed);
    }
    batch.setMaxTimestamp(TimestampType.CREATE_TIME, maxTimestamp);
    return new EncodedBatch(
        baseOffset, lastOffset, firstTimestamp, maxTimestamp, recordCount, placed);
  }

  private static boolean recompresses(TopicMetadata topic, CompressionType batchCodec) {
    String wanted = topic.config().compressionType();
    return switch (wanted) {
      case "producer" -> false;
      case "uncompressed" -> batchCodec != CompressionType.NONE;
      default -> !batchCodec.name.equals(wanted);
    };
  }

  private static byte[] recompressed(
      TopicMetadata topic, MutableRecordBatch batch, List<Record> records) {
    BatchBuilder builder =
        new BatchBuilder(
            0, topic.config().compressionType(), null, Integer.MAX_VALUE, ProducerBatch.of(batch));
    for (Record record : records) {
      builder.append(record.offset() - batch.baseOffset(), record);
    }
    return builder.build().bytes();
  }

  private static byte[] copy(MutableRecordBatch batch) {
    ByteBuffer buffer = ByteBuffer.allocate(batch.sizeInBytes());
    batch.writeTo(buffer);
    return buffer.array();
  }

  private static RecordRefusal tooLarge(TopicMetadata topic, int size) {
    return refused(
        ErrorCode.RECORD_TOO_LARGE,
        "The record batch is "
            + size
            + " bytes, larger than max.message.bytes="
            + topic.config().maxMessageBytes()
            + " of topic '"
            + topic.name()
            + "'.");
  }

  private static String where(TopicMetadata topic, int partition) {
    return topic.name() + "-" + partition;
  }

  private static RecordRefusal refused(ErrorCode code, String message) {
    return new RecordRefusal(code, message, -1);
  }

  private static RecordRefusal refused(ErrorCode code, String message, int recordIndex) {
    return new RecordRefusal(code, message, recordIndex);
  }

  /** A batch refused, with the index of the record at fault ({@code -1}: the batch as a whole). */
  public static final class RecordRefusal extends TributaryException {
    private static final long serialVersionUID = 1L;
    private final int recordIndex;

    RecordRefusal(ErrorCode code, String message, int recordIndex) {
      super(code, message);
      this.recordIndex = recordIndex;
    }

    public int recordIndex() {
      return recordIndex;
    }
  }
}
