package org.tributary.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.record.internal.CompressionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchCompactionTest {

  private static final long NOW = 1_700_000_000_000L;

  private static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  /** A batch at {@code baseOffset} with one record per "key=value" ("key=" alone: a tombstone). */
  private static EncodedBatch batch(String compression, long baseOffset, String... records) {
    BatchBuilder builder = new BatchBuilder(baseOffset, compression, null, 1 << 20);
    for (int i = 0; i < records.length; i++) {
      String[] keyValue = records[i].split("=", -1);
      builder.append(
          baseOffset + i,
          NOW - 60_000 + i,
          keyValue[0].isEmpty() ? null : utf8(keyValue[0]),
          keyValue[1].isEmpty() ? null : utf8(keyValue[1]),
          List.of(new Header("h", utf8("v" + i))));
    }
    return builder.build();
  }

  private static OffsetMap latestOf(EncodedBatch... batches) {
    OffsetMap map = new OffsetMap(1 << 20);
    for (EncodedBatch batch : batches) {
      map.addAll(batch);
    }
    return map;
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"uncompressed", "gzip", "lz4", "zstd", "snappy"})
  void keepsTheLatestRecordPerKeyWithItsOffsetTimestampHeadersAndCompression(String compression) {
    EncodedBatch old = batch(compression, 100, "a=1", "b=1", "a=2", "c=1");
    EncodedBatch newer = batch(compression, 104, "b=2");

    BatchCompaction.Result result =
        BatchCompaction.compact(old, latestOf(old, newer), NOW, 86_400_000);

    EncodedBatch kept = result.batch();
    assertEquals(2, result.recordsRemoved());
    assertEquals(100, kept.baseOffset());
    List<Record> records = kept.records();
    assertEquals(List.of(102L, 103L), records.stream().map(Record::offset).toList());
    assertEquals("2", text(records.get(0).value()));
    assertEquals(NOW - 60_000 + 2, records.get(0).timestamp());
    assertArrayEquals(utf8("v2"), records.get(0).headers().get(0).value());
    assertEquals(2, kept.recordCount());
    assertEquals(102, kept.records().get(0).offset());
    assertEquals(
        compression.equals("uncompressed")
            ? CompressionType.NONE
            : CompressionType.forName(compression),
        kept.kafkaBatch().compressionType());
  }

  @Test
  void aBatchWithOnlyLatestRecordsIsLeftAsItIs() {
    EncodedBatch batch = batch("uncompressed", 0, "a=1", "b=1");
    BatchCompaction.Result result = BatchCompaction.compact(batch, latestOf(batch), NOW, 1000);
    assertSame(batch, result.batch());
    assertEquals(0, result.recordsRemoved());
    assertEquals(BatchCompaction.NO_HORIZON, result.tombstoneHorizon());
  }

  @Test
  void aBatchOfOnlySupersededRecordsGoesWhole() {
    EncodedBatch old = batch("uncompressed", 0, "a=1", "b=1");
    EncodedBatch newer = batch("uncompressed", 2, "a=2", "b=2");
    BatchCompaction.Result result = BatchCompaction.compact(old, latestOf(old, newer), NOW, 1000);
    assertNull(result.batch());
    assertEquals(2, result.recordsRemoved());
  }

  @Test
  void recordsWithoutAKeyAreDropped() {
    EncodedBatch batch = batch("uncompressed", 0, "=orphan", "a=1");
    BatchCompaction.Result result = BatchCompaction.compact(batch, latestOf(batch), NOW, 1000);
    assertEquals(List.of(1L), result.batch().records().stream().map(Record::offset).toList());
  }

  @Test
  void aTombstoneStaysUntilDeleteRetentionAfterItsFirstCompaction() {
    EncodedBatch batch = batch("lz4", 0, "a=1", "a=", "b=1");
    OffsetMap latest = latestOf(batch);

    BatchCompaction.Result first = BatchCompaction.compact(batch, latest, NOW, 1000);
    assertEquals(NOW + 1000, first.tombstoneHorizon());
    List<Record> kept = first.batch().records();
    assertEquals(List.of(1L, 2L), kept.stream().map(Record::offset).toList());
    assertNull(kept.get(0).value());
    assertEquals(NOW - 60_000 + 1, kept.get(0).timestamp());

    BatchCompaction.Result early = BatchCompaction.compact(first.batch(), latest, NOW + 999, 1000);
    assertSame(first.batch(), early.batch());
    assertEquals(NOW + 1000, early.tombstoneHorizon());

    BatchCompaction.Result due = BatchCompaction.compact(first.batch(), latest, NOW + 1000, 1000);
    assertEquals(List.of(2L), due.batch().records().stream().map(Record::offset).toList());
    assertEquals(BatchCompaction.NO_HORIZON, due.tombstoneHorizon());
    assertTrue(due.batch().bytes().length < first.batch().bytes().length);
  }
}
