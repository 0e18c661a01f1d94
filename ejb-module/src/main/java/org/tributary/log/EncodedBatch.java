package org.tributary.log;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.utils.internals.BufferSupplier;
import org.apache.kafka.common.utils.internals.CloseableIterator;

/**
 * One Kafka RecordBatch v2 (CRC-checked, possibly compressed) with the facts about it that the log
 * indexes by. The bytes are never modified after construction.
 */
public record EncodedBatch(
    long baseOffset,
    long lastOffset,
    long firstTimestamp,
    long maxTimestamp,
    int recordCount,
    byte[] bytes) {

  /** The batch held in {@code bytes} (exactly one RecordBatch v2), with its facts read from it. */
  static EncodedBatch of(byte[] bytes) {
    MutableRecordBatch batch = kafkaBatch(bytes);
    long firstTimestamp;
    try (CloseableIterator<org.apache.kafka.common.record.internal.Record> records =
        batch.streamingIterator(BufferSupplier.NO_CACHING)) {
      firstTimestamp = records.hasNext() ? records.next().timestamp() : batch.maxTimestamp();
    }
    return new EncodedBatch(
        batch.baseOffset(),
        batch.lastOffset(),
        firstTimestamp,
        batch.maxTimestamp(),
        batch.countOrNull(),
        bytes);
  }

  /** The producer that wrote the batch, as the batch says (recovery rebuilds producer state). */
  ProducerBatch producer() {
    return ProducerBatch.of(kafkaBatch());
  }

  /** kafka-clients' view of the batch, for reading and filtering its records. */
  MutableRecordBatch kafkaBatch() {
    return kafkaBatch(bytes);
  }

  private static MutableRecordBatch kafkaBatch(byte[] bytes) {
    return MemoryRecords.readableRecords(ByteBuffer.wrap(bytes)).batches().iterator().next();
  }

  /**
   * Appends to {@code out} the records with {@code fromOffset <= offset < belowOffset}, in offset
   * order, while their total size stays within {@code budget} bytes. The first record is taken
   * whatever its size, if {@code out} is still empty, so that a fetch always makes progress.
   *
   * @return the bytes still left in the budget
   */
  int readInto(List<Record> out, long fromOffset, long belowOffset, int budget) {
    MutableRecordBatch batch = kafkaBatch();
    try (CloseableIterator<org.apache.kafka.common.record.internal.Record> records =
        batch.streamingIterator(BufferSupplier.NO_CACHING)) {
      while (records.hasNext()) {
        org.apache.kafka.common.record.internal.Record record = records.next();
        if (record.offset() < fromOffset) {
          continue;
        }
        if (record.offset() >= belowOffset) {
          break;
        }
        int size = record.sizeInBytes();
        if (size > budget && !out.isEmpty()) {
          return 0;
        }
        out.add(toRecord(record));
        budget -= size;
      }
    }
    return Math.max(budget, 0);
  }

  /**
   * The first record in [{@code fromOffset}, {@code belowOffset}) with a timestamp at or after
   * {@code timestamp}, if the batch holds one: its timestamp and offset.
   */
  Optional<TimestampAndOffset> firstWithTimestamp(
      long timestamp, long fromOffset, long belowOffset) {
    try (CloseableIterator<org.apache.kafka.common.record.internal.Record> records =
        kafkaBatch().streamingIterator(BufferSupplier.NO_CACHING)) {
      while (records.hasNext()) {
        org.apache.kafka.common.record.internal.Record record = records.next();
        if (record.offset() >= belowOffset) {
          break;
        }
        if (record.offset() >= fromOffset && record.timestamp() >= timestamp) {
          return Optional.of(new TimestampAndOffset(record.timestamp(), record.offset()));
        }
      }
    }
    return Optional.empty();
  }

  /** The batch's records, all of them; for scans that filter on more than the offset. */
  List<Record> records() {
    List<Record> all = new ArrayList<>(recordCount);
    readInto(all, baseOffset, Long.MAX_VALUE, Integer.MAX_VALUE);
    return all;
  }

  private static Record toRecord(org.apache.kafka.common.record.internal.Record record) {
    List<Header> headers = new ArrayList<>(record.headers().length);
    for (org.apache.kafka.common.header.Header header : record.headers()) {
      headers.add(new Header(header.key(), header.value()));
    }
    return new Record(
        record.offset(),
        record.timestamp(),
        record.hasKey() ? bytesOf(record.key()) : null,
        record.hasValue() ? bytesOf(record.value()) : null,
        headers,
        record.sizeInBytes());
  }

  private static byte[] bytesOf(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
