package org.tributary.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.testing.Refusals.assertRefused;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.log.CleaningRun.Kind;
import org.tributary.topic.TopicConfig;
import org.tributary.topic.TopicMetadata;

class RecordDeletionTest {

  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_000_000), ZoneOffset.UTC);

  private final InMemoryBatchStore store = new InMemoryBatchStore();
  private final CleaningHistory history = new CleaningHistory(run -> {});
  private final List<List<LogStartMove>> recorded = new ArrayList<>();
  private TopicMetadata topic = new TopicMetadata(7, "t", 2, TopicConfig.defaults(), Instant.EPOCH);

  /** Per partition: three batches of ten records, 100 bytes each, offsets 0 to 29. */
  private final List<PartitionLog> logs = List.of(log(0), log(1));

  /** The topic from now on has these configs. */
  private void configure(Map<String, String> config) {
    topic = new TopicMetadata(7, "t", 2, TopicConfig.of(config), Instant.EPOCH);
  }

  private PartitionLog log(int partition) {
    return store.recoveredLog(
        partition,
        0,
        new EncodedBatch(0, 9, 0, 0, 10, new byte[100]),
        new EncodedBatch(10, 19, 0, 0, 10, new byte[100]),
        new EncodedBatch(20, 29, 0, 0, 10, new byte[100]));
  }

  private RecordDeletion deletion() {
    return new RecordDeletion(
        name -> topic,
        (name, partition) -> logs.get(partition),
        (topic, moves) -> {
          recorded.add(moves);
          moves.stream()
              .filter(LogStartMove::moved)
              .forEach(m -> store.saveLogStart(topic.id(), m.partition(), m.after()));
        },
        history,
        CLOCK);
  }

  @Test
  void eachPartitionStartsAtItsTargetAndTheRunIsRecordedWithWhoAskedForIt() {
    assertEquals(
        Map.of(0, 15L, 1, 30L), deletion().deleteRecords("t", Map.of(0, 15L, 1, -1L), "alice"));

    assertEquals(List.of(10L, 20L), store.baseOffsets(0));
    assertEquals(List.of(20L), store.baseOffsets(1), "the batch holding the last record stays");
    assertEquals(
        new CleaningRun(Kind.DELETE_RECORDS, CLOCK.instant(), 0, 3, 0, 30, 300, "alice"),
        history.lastRuns(7).deleteRecords());
    assertEquals(
        List.of(List.of(new LogStartMove(0, 0, 15), new LogStartMove(1, 0, 30))),
        recorded,
        "every partition's move, recorded together once");
  }

  @Test
  void whenRecordingTheNewStartsFailsNoLogStartMovesAndNothingIsRemoved() {
    RecordDeletion failing =
        new RecordDeletion(
            name -> topic,
            (name, partition) -> logs.get(partition),
            (topic, moves) -> {
              throw new IllegalStateException("the transaction rolled back");
            },
            history,
            CLOCK);

    assertThrows(
        IllegalStateException.class, () -> failing.deleteRecords("t", Map.of(0, 15L), "a"));

    assertEquals(0, logs.get(0).logStartOffset());
    assertEquals(List.of(0L, 10L, 20L), store.baseOffsets(0));
    assertNull(store.logStarts.get(0));
  }

  @Test
  void anOffsetBeyondTheLastStableOffsetIsRefusedBeforeAnyPartitionChanges() {
    TributaryException refused =
        assertRefused(
            ErrorCode.OFFSET_OUT_OF_RANGE,
            () -> deletion().deleteRecords("t", Map.of(0, 15L, 1, 31L), "alice"));
    assertEquals(
        "Cannot delete the records of t-1 before offset 31: it must be between 0 and the high"
            + " watermark 30 (or -1 for the high watermark). Nothing was deleted.",
        refused.getMessage());
    assertEquals(0, logs.get(0).logStartOffset());
    assertEquals(List.of(0L, 10L, 20L), store.baseOffsets(0));
    assertNull(history.lastRuns(7).deleteRecords());
  }

  @Test
  void aNegativeOffsetOtherThanMinusOneIsRefused() {
    assertRefused(
        ErrorCode.OFFSET_OUT_OF_RANGE, () -> deletion().deleteRecords("t", Map.of(0, -2L), "a"));
  }

  @Test
  void aCompactOnlyTopicRefusesDeleteRecordsAsKafkaDoes() {
    configure(Map.of("cleanup.policy", "compact"));

    TributaryException refused =
        assertRefused(
            ErrorCode.POLICY_VIOLATION, () -> deletion().deleteRecords("t", Map.of(0, 1L), "a"));
    assertTrue(refused.getMessage().contains("its cleanup.policy is compact"));
    assertEquals(0, logs.get(0).logStartOffset());
  }

  @Test
  void aTopicWithCompactAndDeleteAcceptsDeleteRecords() {
    configure(Map.of("cleanup.policy", "compact,delete"));
    assertEquals(Map.of(0, 10L), deletion().deleteRecords("t", Map.of(0, 10L), "a"));
  }
}
