package org.tributary.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tributary.log.CleaningRun.Kind;
import org.tributary.log.LogCompaction.CleanableRange;
import org.tributary.topic.TopicConfig;
import org.tributary.topic.TopicMetadata;

class LogCompactionTest {

  private static final long NOW = 1_700_000_000_000L;
  private static final long MINUTE = 60_000L;

  private final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
  private final InMemoryBatchStore store = new InMemoryBatchStore();
  private final CleaningHistory history = new CleaningHistory(run -> {});

  private static TopicMetadata compacted(Map<String, String> configs) {
    Map<String, String> all = new LinkedHashMap<>(configs);
    all.put("cleanup.policy", "compact");
    return new TopicMetadata(7, "t", 1, TopicConfig.of(all), Instant.EPOCH);
  }

  private static byte[] utf8(String text) {
    return text.isEmpty() ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  /** A batch at {@code base} of "key=value" records written at {@code timestamp}. */
  private static EncodedBatch batch(long base, long timestamp, String... records) {
    BatchBuilder builder = new BatchBuilder(base, "uncompressed", null, 1 << 20);
    for (int i = 0; i < records.length; i++) {
      String[] keyValue = records[i].split("=", -1);
      builder.append(base + i, timestamp, utf8(keyValue[0]), utf8(keyValue[1]), List.of());
    }
    return builder.build();
  }

  private PartitionLog log(EncodedBatch... batches) {
    return store.recoveredLog(0, 0, batches);
  }

  private LogCompaction compaction(PartitionLog log) {
    return new LogCompaction(topic -> List.of(log), store, 1 << 20, history, clock);
  }

  private List<String> stored() {
    List<String> records = new ArrayList<>();
    for (EncodedBatch batch : store.batches.get(0).values()) {
      List<Record> read = new ArrayList<>();
      batch.readInto(read, 0, Long.MAX_VALUE, Integer.MAX_VALUE);
      read.forEach(
          record ->
              records.add(
                  record.offset()
                      + ":"
                      + new String(record.key(), StandardCharsets.UTF_8)
                      + "="
                      + (record.value() == null
                          ? ""
                          : new String(record.value(), StandardCharsets.UTF_8))));
    }
    return records;
  }

  @Test
  void keepsTheLatestRecordPerKeyAtItsOffsetAndLeavesTheActiveTailAlone() {
    TopicMetadata topic = compacted(Map.of());
    PartitionLog log =
        log(
            batch(0, NOW - MINUTE, "a=1", "b=1"),
            batch(2, NOW - MINUTE, "a=2"),
            batch(3, NOW, "a=3"));

    CleaningRun run = compaction(log).apply(topic).orElseThrow();

    assertEquals(List.of("1:b=1", "2:a=2", "3:a=3"), stored(), "a=3 is in the active tail");
    assertEquals(Kind.COMPACTION, run.kind());
    assertEquals(0, run.batchesRemoved());
    assertEquals(1, run.batchesRewritten());
    assertEquals(1, run.recordsRemoved());
    assertEquals(run, history.lastRuns(topic.id()).compaction());
    assertEquals(new CleanerCheckpoint(3, Long.MAX_VALUE, 4), log.cleanerCheckpoint());
  }

  @Test
  void aPartitionWithNothingNewSinceItsLastCompactionIsSkipped() {
    TopicMetadata topic = compacted(Map.of());
    PartitionLog log = log(batch(0, NOW - MINUTE, "a=1"), batch(1, NOW - MINUTE, "a=2", "b=1"));
    LogCompaction compaction = compaction(log);
    assertTrue(compaction.apply(topic).isPresent());

    assertTrue(compaction.apply(topic).isEmpty(), "the last stable offset did not move");
  }

  @Test
  void aTopicThatIsNotCompactedIsNeverTouched() {
    TopicMetadata topic = new TopicMetadata(7, "t", 1, TopicConfig.defaults(), Instant.EPOCH);
    PartitionLog log = log(batch(0, NOW - MINUTE, "a=1"), batch(1, NOW, "a=2"));

    assertTrue(compaction(log).apply(topic).isEmpty());
    assertEquals(List.of("0:a=1", "1:a=2"), stored());
  }

  @Test
  void cleanableRangeEndsAtTheFirstDirtyBatchYoungerThanTheMinimumLag() {
    TopicMetadata topic = compacted(Map.of("min.compaction.lag.ms", String.valueOf(MINUTE)));
    PartitionLog log =
        log(
            new EncodedBatch(0, 9, 0, NOW - 3 * MINUTE, 10, new byte[100]),
            new EncodedBatch(10, 19, 0, NOW - 2 * MINUTE, 10, new byte[100]),
            new EncodedBatch(20, 29, 0, NOW - MINUTE / 2, 10, new byte[100]),
            new EncodedBatch(30, 39, 0, NOW - 3 * MINUTE, 10, new byte[100]),
            new EncodedBatch(40, 49, 0, NOW, 10, new byte[100]));

    assertEquals(
        new CleanableRange(20, 200, 100),
        compaction(log).cleanableRange(topic, log, 10, 40, NOW),
        "batch 0 is clean, batch 10 dirty and old enough, batch 20 too young");
  }

  @Test
  void cleanableRangeSkipsWhatLiesBelowTheLogStart() {
    TopicMetadata topic = compacted(Map.of());
    PartitionLog log =
        log(
            new EncodedBatch(0, 9, 0, 0, 10, new byte[100]),
            new EncodedBatch(10, 19, 0, 0, 10, new byte[100]),
            new EncodedBatch(20, 29, 0, 0, 10, new byte[100]));
    LogStartMoves.move(Map.of(log, 10L), moves -> {});

    assertEquals(
        new CleanableRange(20, 100, 100), compaction(log).cleanableRange(topic, log, 0, 20, NOW));
  }

  @Test
  void compactionIsDueWhenTheDirtyRatioPassesTheMinimumOrATombstoneIsDue() {
    CleanableRange half = new CleanableRange(20, 200, 100);
    assertFalse(half.due(0.5, Long.MAX_VALUE, NOW), "Kafka compacts above the ratio, not at it");
    assertTrue(half.due(0.49, Long.MAX_VALUE, NOW));
    assertTrue(half.due(0.5, NOW, NOW), "a kept tombstone's time is up");
    assertFalse(new CleanableRange(0, 0, 0).due(0, NOW, NOW), "nothing to clean");
  }

  @Test
  void aRunBelowTheDirtyRatioChangesNothing() {
    TopicMetadata topic = compacted(Map.of("min.cleanable.dirty.ratio", "0.9"));
    PartitionLog log =
        log(
            batch(0, NOW - MINUTE, "a=1", "b=1"),
            batch(2, NOW - MINUTE, "a=2"),
            batch(3, NOW, "a=3"));
    log.compacted(new CleanerCheckpoint(2, Long.MAX_VALUE, -1));

    assertTrue(compaction(log).apply(topic).isEmpty());
    assertEquals(List.of("0:a=1", "1:b=1", "2:a=2", "3:a=3"), stored());
    assertNull(history.lastRuns(topic.id()).compaction());
  }
}
