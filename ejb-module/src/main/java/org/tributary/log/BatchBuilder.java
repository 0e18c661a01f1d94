package org.tributary.log;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.DefaultRecord;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.RecordBatch;

/**
 * Builds one Kafka RecordBatch v2 with kafka-clients' own builder, so stored batches are exactly
 * what a Kafka broker would store. Not thread-safe: one writer owns each builder.
 */
final class BatchBuilder {

  private static final ProducerBatch NO_PRODUCER =
      new ProducerBatch(
          RecordBatch.NO_PRODUCER_ID, RecordBatch.NO_PRODUCER_EPOCH, RecordBatch.NO_SEQUENCE, -1);

  private final MemoryRecordsBuilder builder;
  private final long baseOffset;
  private final int sizeLimit;
  private long lastOffset = -1;
  private long firstTimestamp = RecordBatch.NO_TIMESTAMP;
  private long maxTimestamp = RecordBatch.NO_TIMESTAMP;
  private int count;

  /**
   * @param logAppendTime the broker time stamped on every record, or {@code null} to keep each
   *     record's own (CreateTime)
   * @param sizeLimit the batch is closed to further records before it grows past this size
   */
  BatchBuilder(long baseOffset, String compressionType, Long logAppendTime, int sizeLimit) {
    this(baseOffset, compressionType, logAppendTime, sizeLimit, NO_PRODUCER);
  }

  /**
   * A batch that keeps a producer's id, epoch and first sequence: a produced batch re-encoded with
   * the topic's codec.
   */
  BatchBuilder(
      long baseOffset,
      String compressionType,
      Long logAppendTime,
      int sizeLimit,
      ProducerBatch producer) {
    this.baseOffset = baseOffset;
    this.sizeLimit = sizeLimit;
    this.builder =
        MemoryRecords.builder(
            ByteBuffer.allocate(Math.min(sizeLimit, 16 * 1024)),
            RecordBatch.MAGIC_VALUE_V2,
            compression(compressionType),
            logAppendTime == null ? TimestampType.CREATE_TIME : TimestampType.LOG_APPEND_TIME,
            baseOffset,
            logAppendTime == null ? RecordBatch.NO_TIMESTAMP : logAppendTime,
            producer.producerId(),
            producer.epoch(),
            producer.firstSequence());
  }

  /** The size of a batch holding just this record: what {@code max.message.bytes} limits. */
  static int singleRecordBatchSize(byte[] key, byte[] value, List<Header> headers) {
    return DefaultRecordBatch.RECORD_BATCH_OVERHEAD
        + DefaultRecord.sizeInBytes(
            0,
            0L,
            key == null ? null : ByteBuffer.wrap(key),
            value == null ? null : ByteBuffer.wrap(value),
            kafkaHeaders(headers));
  }

  /** Whether a record of this shape still fits; the first record always does. */
  boolean hasRoomFor(long timestamp, byte[] key, byte[] value, List<Header> headers) {
    return count == 0
        || builder.estimatedSizeInBytes() + singleRecordBatchSize(key, value, headers) <= sizeLimit;
  }

  void append(long offset, long timestamp, byte[] key, byte[] value, List<Header> headers) {
    builder.appendWithOffset(offset, timestamp, key, value, kafkaHeaders(headers));
    if (count == 0) {
      firstTimestamp = timestamp;
    }
    maxTimestamp = Math.max(maxTimestamp, timestamp);
    lastOffset = offset;
    count++;
  }

  /** Appends a record read from another batch, as it is, at this batch's offset {@code offset}. */
  void append(long offset, org.apache.kafka.common.record.internal.Record record) {
    builder.appendWithOffset(baseOffset + offset, record);
    if (count == 0) {
      firstTimestamp = record.timestamp();
    }
    maxTimestamp = Math.max(maxTimestamp, record.timestamp());
    lastOffset = baseOffset + offset;
    count++;
  }

  boolean isEmpty() {
    return count == 0;
  }

  EncodedBatch build() {
    MemoryRecords records = builder.build();
    ByteBuffer buffer = records.buffer();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return new EncodedBatch(baseOffset, lastOffset, firstTimestamp, maxTimestamp, count, bytes);
  }

  private static Compression compression(String type) {
    return switch (type) {
      case "producer", "uncompressed" -> Compression.NONE;
      default -> Compression.of(type).build();
    };
  }

  private static org.apache.kafka.common.header.Header[] kafkaHeaders(List<Header> headers) {
    org.apache.kafka.common.header.Header[] converted =
        new org.apache.kafka.common.header.Header[headers.size()];
    for (int i = 0; i < converted.length; i++) {
      converted[i] = new RecordHeader(headers.get(i).key(), headers.get(i).value());
    }
    return converted;
  }
}
