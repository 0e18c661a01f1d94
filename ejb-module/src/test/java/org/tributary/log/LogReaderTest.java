package org.tributary.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tributary.testing.Refusals.assertRefused;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.topic.TopicConfig;
import org.tributary.topic.TopicMetadata;

/** {@link LogReader#readBatches}: whole stored batches for Kafka fetches. */
class LogReaderTest {

  private static final TopicMetadata TOPIC =
      new TopicMetadata(7, "t", 1, TopicConfig.defaults(), Instant.EPOCH);

  private final InMemoryBatchStore store = new InMemoryBatchStore();
  private final OpenLogs logs = new OpenLogs(name -> Optional.of(TOPIC));
  private final LogReader reader =
      new LogReader(
          logs,
          store,
          null,
          new LogMetrics() {
            @Override
            void fetched(int records, long bytes) {}
          });

  /** Stored: [0..2], [3..5], a gap, [8..9]; nothing cached. */
  private final EncodedBatch first = batch(0, 3, 10);

  private final EncodedBatch second = batch(3, 3, 10);
  private final EncodedBatch third = batch(8, 2, 10);

  @BeforeEach
  void recover() {
    long size = 0;
    for (EncodedBatch batch : List.of(first, second, third)) {
      store.add(0, batch);
      size += batch.bytes().length;
    }
    logs.recover(
        new LogRecovery(
            List.of(), List.of(), 1 << 20, new TailCacheBudget(1 << 20), store, log -> {}),
        List.of(TOPIC),
        List.of(new LogExtent(7, 0, 0, 9, size)));
  }

  static EncodedBatch batch(long baseOffset, int count, int valueBytes) {
    BatchBuilder builder = new BatchBuilder(baseOffset, "uncompressed", null, Integer.MAX_VALUE);
    for (int i = 0; i < count; i++) {
      byte[] value = ("v" + (baseOffset + i)).repeat(valueBytes).getBytes(StandardCharsets.UTF_8);
      builder.append(baseOffset + i, 1_000 + baseOffset + i, null, value, List.of());
    }
    return builder.build();
  }

  private LogReadResult read(long offset, int maxBytes, boolean minOneBatch) {
    return reader.readBatches("t", 0, offset, maxBytes, minOneBatch);
  }

  @Test
  void aReadStartsWithTheWholeBatchHoldingTheOffsetAndSkipsGaps() {
    LogReadResult read = read(4, Integer.MAX_VALUE, true);
    assertEquals(List.of(second, third), read.batches());
    assertEquals(0, read.logStartOffset());
    assertEquals(10, read.lastStableOffset());
    assertArrayEquals(concat(second, third), read.concatenated());
    assertEquals(List.of(third), read(6, Integer.MAX_VALUE, true).batches(), "in the gap");
  }

  @Test
  void batchesStopAtMaxBytesButOneLargerBatchIsTakenWhenAllowed() {
    int firstTwo = first.bytes().length + second.bytes().length;
    assertEquals(List.of(first, second), read(0, firstTwo, true).batches());
    assertEquals(List.of(first, second), read(0, firstTwo + 1, false).batches());
    assertEquals(List.of(first), read(0, 1, true).batches(), "at least one batch");
    assertEquals(List.of(), read(0, 1, false).batches());
    assertEquals(List.of(), read(0, 0, false).batches());
  }

  @Test
  void atTheLastStableOffsetNothingIsRead() {
    LogReadResult read = read(10, Integer.MAX_VALUE, true);
    assertEquals(List.of(), read.batches());
    assertEquals(0, read.sizeInBytes());
  }

  @Test
  void cachedBatchesAreReadWithoutTheStore() {
    PartitionLog log = logs.existing("t", 0);
    long base = log.reserve(2);
    EncodedBatch appended = batch(base, 2, 10);
    log.settled(base, List.of(appended)); // cached, and not in the fake store
    assertEquals(List.of(appended), read(10, Integer.MAX_VALUE, true).batches());
  }

  @Test
  void nothingAtOrPastTheLastStableOffsetIsRead() {
    PartitionLog log = logs.existing("t", 0);
    long open = log.reserve(2); // 10..11 stays unsettled: a transaction still open
    long later = log.reserve(2); // 12..13 settles first
    EncodedBatch settledLater = batch(later, 2, 10);
    store.add(0, settledLater);
    log.settled(later, List.of(settledLater));
    assertEquals(10, log.lastStableOffset());
    assertEquals(List.of(third), read(9, Integer.MAX_VALUE, true).batches());
    assertEquals(List.of(), read(10, Integer.MAX_VALUE, true).batches());

    EncodedBatch committed = batch(open, 2, 10);
    store.add(0, committed);
    log.settled(open, List.of(committed));
    assertEquals(List.of(committed, settledLater), read(10, Integer.MAX_VALUE, true).batches());
  }

  @Test
  void anOffsetOutsideTheLogIsOutOfRangeAndAnUnknownPartitionUnknown() {
    assertRefused(ErrorCode.OFFSET_OUT_OF_RANGE, () -> read(11, 100, true));
    assertRefused(ErrorCode.OFFSET_OUT_OF_RANGE, () -> read(-1, 100, true));
    assertRefused(
        ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, () -> reader.readBatches("t", 1, 0, 100, true));
  }

  private static byte[] concat(EncodedBatch... batches) {
    int size = 0;
    for (EncodedBatch batch : batches) {
      size += batch.bytes().length;
    }
    byte[] all = new byte[size];
    int at = 0;
    for (EncodedBatch batch : batches) {
      System.arraycopy(batch.bytes(), 0, all, at, batch.bytes().length);
      at += batch.bytes().length;
    }
    return all;
  }
}
