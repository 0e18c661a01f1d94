package org.tributary.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchBuilderTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static EncodedBatch batchOf(String compression, long baseOffset, int count) {
    BatchBuilder builder = new BatchBuilder(baseOffset, compression, null, 1 << 20);
    for (int i = 0; i < count; i++) {
      builder.append(
          baseOffset + i,
          1_000L + i,
          i % 2 == 0 ? utf8("key-" + i) : null,
          utf8("value-" + i),
          List.of(new Header("h", utf8("v" + i))));
    }
    return builder.build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"producer", "uncompressed", "gzip", "snappy", "lz4", "zstd"})
  void roundTripKeepsKeysValuesHeadersTimestampsAndOffsets(String compression) {
    EncodedBatch batch = batchOf(compression, 100, 5);

    assertEquals(100, batch.baseOffset());
    assertEquals(104, batch.lastOffset());
    assertEquals(5, batch.recordCount());
    assertEquals(1_000, batch.firstTimestamp());
    assertEquals(1_004, batch.maxTimestamp());
    List<Record> records = batch.records();
    assertEquals(5, records.size());
    for (int i = 0; i < 5; i++) {
      Record record = records.get(i);
      assertEquals(100 + i, record.offset());
      assertEquals(1_000 + i, record.timestamp());
      if (i % 2 == 0) {
        assertArrayEquals(utf8("key-" + i), record.key());
      } else {
        assertNull(record.key());
      }
      assertArrayEquals(utf8("value-" + i), record.value());
      assertEquals(List.of(new Header("h", utf8("v" + i))), record.headers());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"uncompressed", "gzip", "snappy", "lz4", "zstd"})
  void storedBytesAreAValidKafkaRecordBatchV2(String compression) {
    EncodedBatch batch = batchOf(compression, 7, 3);
    MutableRecordBatch kafkaBatch =
        MemoryRecords.readableRecords(ByteBuffer.wrap(batch.bytes())).batches().iterator().next();
    kafkaBatch.ensureValid();
    assertEquals(2, kafkaBatch.magic());
    assertEquals(7, kafkaBatch.baseOffset());
    assertEquals(9, kafkaBatch.lastOffset());
    CompressionType expected =
        compression.equals("uncompressed")
            ? CompressionType.NONE
            : CompressionType.forName(compression);
    assertEquals(expected, kafkaBatch.compressionType());
  }

  @Test
  void logAppendTimeReplacesEveryRecordsTimestamp() {
    BatchBuilder builder = new BatchBuilder(0, "producer", 5_000L, 1 << 20);
    builder.append(0, 5_000L, null, utf8("a"), List.of());
    builder.append(1, 5_000L, null, utf8("b"), List.of());
    List<Record> records = builder.build().records();
    assertEquals(5_000, records.get(0).timestamp());
    assertEquals(5_000, records.get(1).timestamp());
  }

  @Test
  void readIntoStartsExactlyAtTheRequestedOffsetAndStopsBelowTheLimit() {
    EncodedBatch batch = batchOf("lz4", 10, 10);
    List<Record> out = new ArrayList<>();
    batch.readInto(out, 13, 17, Integer.MAX_VALUE);
    assertEquals(List.of(13L, 14L, 15L, 16L), out.stream().map(Record::offset).toList());
  }

  @Test
  void readIntoReturnsAtLeastOneRecordEvenWhenItExceedsTheBudget() {
    EncodedBatch batch = batchOf("producer", 0, 3);
    List<Record> out = new ArrayList<>();
    int left = batch.readInto(out, 0, Long.MAX_VALUE, 1);
    assertEquals(1, out.size());
    assertEquals(0, left);
  }

  @Test
  void batchIsClosedBeforeItGrowsPastTheLimit() {
    byte[] value = new byte[400];
    BatchBuilder builder = new BatchBuilder(0, "producer", null, 1_000);
    assertTrue(builder.hasRoomFor(0, null, value, List.of()));
    builder.append(0, 0, null, value, List.of());
    assertTrue(builder.hasRoomFor(0, null, value, List.of()));
    builder.append(1, 0, null, value, List.of());
    assertFalse(builder.hasRoomFor(0, null, value, List.of()));
  }
}
