package org.tributary.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tributary.log.CleaningRun.Kind;
import org.tributary.topic.TopicConfig;
import org.tributary.topic.TopicMetadata;

class LogRetentionTest {

  private static final long NOW = 1_700_000_000_000L;
  private static final long HOUR = 3_600_000L;

  private final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
  private final InMemoryBatchStore store = new InMemoryBatchStore();
  private final List<CleaningRun> metrics = new ArrayList<>();
  private final CleaningHistory history = new CleaningHistory(metrics::add);

  private static TopicMetadata topic(Map<String, String> configs) {
    return new TopicMetadata(7, "t", 1, TopicConfig.of(configs), Instant.EPOCH);
  }

  /** Ten records of 100 bytes whose newest was written at {@code maxTimestamp}. */
  private static EncodedBatch batch(long base, long maxTimestamp) {
    return new EncodedBatch(base, base + 9, maxTimestamp, maxTimestamp, 10, new byte[100]);
  }

  private PartitionLog log(long logStart, EncodedBatch... batches) {
    return store.recoveredLog(0, logStart, batches);
  }

  private LogRetention retention(PartitionLog log) {
    return new LogRetention(topic -> List.of(log), history, clock);
  }

  @Test
  void expiredBatchesGoUpToTheFirstYoungOneAndTheRunIsRecordedAndCounted() {
    TopicMetadata topic = topic(Map.of("retention.ms", String.valueOf(HOUR)));
    PartitionLog log =
        log(0, batch(0, NOW - 3 * HOUR), batch(10, NOW - 2 * HOUR), batch(20, NOW), batch(30, NOW));

    CleaningRun run = retention(log).apply(topic).orElseThrow();

    assertEquals(new CleaningRun(Kind.RETENTION, clock.instant(), 0, 2, 0, 20, 200, null), run);
    assertEquals(20, log.logStartOffset());
    assertEquals(List.of(20L, 30L), store.baseOffsets(0));
    assertEquals(run, history.lastRuns(topic.id()).retention());
    assertEquals(List.of(run), metrics);
  }

  @Test
  void aRunThatRemovedNothingIsRecordedButNotCounted() {
    TopicMetadata topic = topic(Map.of("retention.ms", String.valueOf(HOUR)));
    PartitionLog log = log(0, batch(0, NOW), batch(10, NOW));

    CleaningRun run = retention(log).apply(topic).orElseThrow();

    assertEquals(0, run.batchesRemoved());
    assertEquals(run, history.lastRuns(topic.id()).retention());
    assertEquals(List.of(), metrics);
  }

  @Test
  void sizeRetentionKeepsAtLeastRetentionBytes() {
    TopicMetadata topic = topic(Map.of("retention.bytes", "250"));
    PartitionLog log = log(0, batch(0, NOW), batch(10, NOW), batch(20, NOW), batch(30, NOW));

    assertEquals(1, retention(log).apply(topic).orElseThrow().batchesRemoved());
    assertEquals(300, log.sizeInBytes());
  }

  @Test
  void aCompactOnlyTopicLosesOnlyWhatLiesBelowItsLogStartAndIsRecordedOnlyThen() {
    TopicMetadata topic = topic(Map.of("cleanup.policy", "compact"));
    PartitionLog untouched = log(0, batch(0, 0), batch(10, 0));
    assertTrue(retention(untouched).apply(topic).isEmpty(), "old records of a compact topic stay");
    assertNull(history.lastRuns(topic.id()).retention());

    store.batches.clear();
    // A log start recorded, and then a crash before its batches went.
    PartitionLog leftOver = log(15, batch(0, NOW), batch(10, NOW), batch(20, NOW));
    assertEquals(1, retention(leftOver).apply(topic).orElseThrow().batchesRemoved());
    assertEquals(List.of(10L, 20L), store.baseOffsets(0));
  }
}
