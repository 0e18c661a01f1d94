package org.tributary.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tributary.log.ProducerStateUpdatesTest.NOW;
import static org.tributary.testing.Refusals.assertRefused;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.utils.internals.ByteUtils;
import org.apache.kafka.common.utils.internals.Crc32C;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.topic.TopicConfig;
import org.tributary.topic.TopicMetadata;

/** A Kafka producer's batch: validated as Kafka's LogValidator does, stored byte for byte. */
class ProducedBatchTest {

  private static TopicMetadata topic(Map<String, String> configs) {
    return new TopicMetadata(1, "t", 1, TopicConfig.of(configs), Instant.EPOCH);
  }

  private static MemoryRecords records(Compression compression, long... timestamps) {
    MemoryRecordsBuilder builder =
        MemoryRecords.builder(
            ByteBuffer.allocate(4096),
            RecordBatch.MAGIC_VALUE_V2,
            compression,
            TimestampType.CREATE_TIME,
            0,
            RecordBatch.NO_TIMESTAMP,
            5L,
            (short) 0,
            10);
    for (long timestamp : timestamps) {
      builder.append(timestamp, "k".getBytes(), "value".getBytes());
    }
    return builder.build();
  }

  private static byte[] bytes(MemoryRecords records) {
    ByteBuffer buffer = records.buffer().duplicate();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  /** Where a RecordBatch v2's CRC starts covering (DefaultRecordBatch keeps it package-private). */
  private static final int ATTRIBUTES_OFFSET = DefaultRecordBatch.CRC_OFFSET + 4;

  /** The batch with its header's record count and last offset delta forged, CRC made valid. */
  private static MemoryRecords forgedCount(MemoryRecords sent, int count) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes(sent));
    buffer.putInt(DefaultRecordBatch.LAST_OFFSET_DELTA_OFFSET, count - 1);
    buffer.putInt(DefaultRecordBatch.RECORDS_COUNT_OFFSET, count);
    long crc = Crc32C.compute(buffer, ATTRIBUTES_OFFSET, buffer.limit() - ATTRIBUTES_OFFSET);
    ByteUtils.writeUnsignedInt(buffer, DefaultRecordBatch.CRC_OFFSET, crc);
    return MemoryRecords.readableRecords(buffer);
  }

  @Test
  void aForgedRecordCountIsRefusedWithoutSizingAnythingByIt() {
    MemoryRecords forged = forgedCount(records(Compression.NONE, NOW), Integer.MAX_VALUE);
    forged.batches().iterator().next().ensureValid();
    assertRefused(
        ErrorCode.CORRUPT_MESSAGE, () -> ProducedBatch.validate(topic(Map.of()), 0, forged, NOW));
  }

  @Test
  void aCompressedBatchWithMoreRecordsThanItDeclaresIsRefused() {
    MemoryRecords forged = forgedCount(records(Compression.gzip().build(), NOW, NOW, NOW), 2);
    assertRefused(
        ErrorCode.CORRUPT_MESSAGE, () -> ProducedBatch.validate(topic(Map.of()), 0, forged, NOW));
  }

  @Test
  void aValidBatchIsStoredByteForByteAtItsOffset() {
    MemoryRecords sent = records(Compression.gzip().build(), NOW, NOW + 1);
    EncodedBatch stored = ProducedBatch.validate(topic(Map.of()), 0, sent, NOW).at(40, null);
    assertEquals(40, stored.baseOffset());
    assertEquals(41, stored.lastOffset());
    assertEquals(NOW + 1, stored.maxTimestamp());
    byte[] expected = bytes(sent);
    ByteBuffer.wrap(expected).putLong(0, 40); // only the base offset differs
    assertArrayEquals(expected, stored.bytes());
    MutableRecordBatch batch = stored.kafkaBatch();
    batch.ensureValid();
    assertEquals(CompressionType.GZIP, batch.compressionType());
    assertEquals(10, batch.baseSequence());
  }

  @Test
  void aLogAppendTimeTopicStampsTheBrokerTimeAndKeepsTheCrcValid() {
    TopicMetadata topic = topic(Map.of("message.timestamp.type", "LogAppendTime"));
    EncodedBatch stored =
        ProducedBatch.validate(topic, 0, records(Compression.NONE, 1, 2), NOW).at(0, NOW);
    MutableRecordBatch batch = stored.kafkaBatch();
    batch.ensureValid();
    assertEquals(TimestampType.LOG_APPEND_TIME, batch.timestampType());
    assertEquals(NOW, batch.maxTimestamp());
  }

  @Test
  void anotherCodecOfTheTopicRecompressesKeepingTheProducer() {
    TopicMetadata topic = topic(Map.of("compression.type", "lz4"));
    MutableRecordBatch batch =
        ProducedBatch.validate(topic, 0, records(Compression.NONE, NOW, NOW), NOW)
            .at(7, null)
            .kafkaBatch();
    batch.ensureValid();
    assertEquals(CompressionType.LZ4, batch.compressionType());
    assertEquals(5L, batch.producerId());
    assertEquals(10, batch.baseSequence());
    assertEquals(8, batch.lastOffset());
  }

  @Test
  void aCorruptBatchIsRefused() {
    byte[] bytes = bytes(records(Compression.NONE, NOW));
    bytes[bytes.length - 1] ^= 1;
    assertRefused(
        ErrorCode.CORRUPT_MESSAGE,
        () ->
            ProducedBatch.validate(
                topic(Map.of()), 0, MemoryRecords.readableRecords(ByteBuffer.wrap(bytes)), NOW));
  }

  @Test
  void aCodecStreamThatIsNoneBehindAValidCrcIsRefusedAsCorrupt() {
    byte[] bytes = bytes(records(Compression.gzip().build(), NOW, NOW));
    for (int i = DefaultRecordBatch.RECORD_BATCH_OVERHEAD; i < bytes.length; i++) {
      bytes[i] = 0x5A; // not a gzip stream any more
    }
    MutableRecordBatch batch =
        MemoryRecords.readableRecords(ByteBuffer.wrap(bytes)).batches().iterator().next();
    batch.setMaxTimestamp(TimestampType.CREATE_TIME, NOW + 1); // which writes a valid CRC
    batch.ensureValid();
    assertRefused(
        ErrorCode.CORRUPT_MESSAGE,
        () ->
            ProducedBatch.validate(
                topic(Map.of()), 0, MemoryRecords.readableRecords(ByteBuffer.wrap(bytes)), NOW));
  }

  @Test
  void aBatchLargerThanMaxMessageBytesIsRefused() {
    assertRefused(
        ErrorCode.RECORD_TOO_LARGE,
        () ->
            ProducedBatch.validate(
                topic(Map.of("max.message.bytes", "64")),
                0,
                records(Compression.NONE, NOW, NOW, NOW),
                NOW));
  }

  @Test
  void aTimestampOutOfTheTopicsBoundsIsRefusedNamingTheRecord() {
    ProducedBatch.RecordRefusal refused =
        (ProducedBatch.RecordRefusal)
            assertRefused(
                ErrorCode.INVALID_TIMESTAMP,
                () ->
                    ProducedBatch.validate(
                        topic(Map.of("message.timestamp.after.max.ms", "1000")),
                        0,
                        records(Compression.NONE, NOW, NOW + 5000),
                        NOW));
    assertEquals(1, refused.recordIndex());
  }

  @Test
  void aTransactionalBatchIsRefused() {
    MemoryRecordsBuilder builder =
        MemoryRecords.builder(
            ByteBuffer.allocate(1024),
            RecordBatch.MAGIC_VALUE_V2,
            Compression.NONE,
            TimestampType.CREATE_TIME,
            0,
            RecordBatch.NO_TIMESTAMP,
            5L,
            (short) 0,
            0,
            true,
            RecordBatch.NO_PARTITION_LEADER_EPOCH);
    builder.append(NOW, null, "v".getBytes());
    assertRefused(
        ErrorCode.INVALID_RECORD,
        () -> ProducedBatch.validate(topic(Map.of()), 0, builder.build(), NOW));
  }
}
