package org.tributary.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.testing.Refusals.assertRefused;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicPartition;

class PartitionLogTest {

  private static final TailCacheBudget UNBOUNDED = new TailCacheBudget(Long.MAX_VALUE);

  private final InMemoryBatchStore store = new InMemoryBatchStore();

  private static EncodedBatch batch(long base, int count, int size) {
    return new EncodedBatch(base, base + count - 1, 0, 0, count, new byte[size]);
  }

  /** Reserves offsets for the batches and settles them at once, as a group commit does. */
  private static List<CompletableFuture<Void>> append(PartitionLog log, EncodedBatch... batches) {
    int count = 0;
    for (EncodedBatch batch : batches) {
      count += batch.recordCount();
    }
    return log.settled(log.reserve(count), List.of(batches));
  }

  @Test
  void waiterAtTheLastStableOffsetIsHandedBackByTheNextAppend() {
    PartitionLog log =
        new PartitionLog(1, new TopicPartition("t", 0), 0, 5, 0, 1 << 20, UNBOUNDED, null, null);
    CompletableFuture<Void> waiter = log.awaitDataBeyond(5);
    assertFalse(waiter.isDone());
    assertEquals(List.of(waiter), append(log, batch(5, 2, 10)));
    assertEquals(7, log.lastStableOffset());
  }

  @Test
  void waiterBelowTheLastStableOffsetCompletesAtOnce() {
    PartitionLog log =
        new PartitionLog(1, new TopicPartition("t", 0), 0, 5, 0, 1 << 20, UNBOUNDED, null, null);
    assertTrue(log.awaitDataBeyond(4).isDone());
  }

  @Test
  void tailCacheKeepsTheNewestBatchesWithinItsLimit() {
    PartitionLog log =
        new PartitionLog(1, new TopicPartition("t", 0), 0, 0, 0, 250, UNBOUNDED, null, null);
    append(log, batch(0, 10, 100), batch(10, 10, 100), batch(20, 10, 100));
    assertNull(log.cachedFrom(5), "the oldest batch was evicted; the store must serve offset 5");
    assertEquals(
        List.of(10L, 20L), log.cachedFrom(15).stream().map(EncodedBatch::baseOffset).toList());
    assertEquals(List.of(20L), log.cachedFrom(20).stream().map(EncodedBatch::baseOffset).toList());
  }

  @Test
  void sizeCountsEveryDurableBatchEvictedFromTheCacheOrNot() {
    PartitionLog log =
        new PartitionLog(1, new TopicPartition("t", 0), 0, 0, 1000, 250, UNBOUNDED, null, null);
    append(log, batch(0, 10, 100), batch(10, 10, 100), batch(20, 10, 100));
    assertEquals(1300, log.sizeInBytes());
  }

  @Test
  void allPartitionsTogetherStayWithinTheSharedBudget() {
    TailCacheBudget budget = new TailCacheBudget(350);
    PartitionLog p0 =
        new PartitionLog(1, new TopicPartition("t", 0), 0, 0, 0, 1 << 20, budget, null, null);
    PartitionLog p1 =
        new PartitionLog(1, new TopicPartition("t", 1), 0, 0, 0, 1 << 20, budget, null, null);
    append(p0, batch(0, 1, 100), batch(1, 1, 100));
    append(p1, batch(0, 1, 100), batch(1, 1, 100));
    assertEquals(300, budget.used(), "p1 evicted its oldest batch to stay within 350 bytes");
    assertNull(p1.cachedFrom(0));
    assertEquals(List.of(1L), p1.cachedFrom(1).stream().map(EncodedBatch::baseOffset).toList());

    p0.close(new IllegalStateException("deleted"));
    assertEquals(100, budget.used(), "a closed partition gives its bytes back");
  }

  @Test
  void offsetsAreHandedOutInRangesFromTheRecoveredNextOffset() {
    PartitionLog log =
        new PartitionLog(1, new TopicPartition("t", 0), 3, 17, 0, 1 << 20, UNBOUNDED, null, null);
    assertEquals(17, log.reserve(2));
    assertEquals(19, log.reserve(5));
    assertEquals(17, log.lastStableOffset(), "reserving is not publishing");
    assertEquals(3, log.logStartOffset());
  }

  @Test
  void aRangeSettledBeforeAnEarlierOneStaysInvisibleUntilTheEarlierSettles() {
    PartitionLog log =
        new PartitionLog(1, new TopicPartition("t", 0), 0, 0, 0, 1 << 20, UNBOUNDED, null, null);
    long first = log.reserve(2);
    long second = log.reserve(3);
    CompletableFuture<Void> waiter = log.awaitDataBeyond(0);

    assertEquals(List.of(), log.settled(second, List.of(batch(2, 3, 10))));
    assertEquals(0, log.lastStableOffset(), "offsets 0-1 may still appear: nothing is readable");
    assertFalse(waiter.isDone());

    assertEquals(List.of(waiter), log.settled(first, List.of(batch(0, 2, 10))));
    assertEquals(5, log.lastStableOffset());
    assertNull(log.cachedFrom(0), "older than the cache's first batch: the store serves it");
    assertEquals(List.of(2L), log.cachedFrom(2).stream().map(EncodedBatch::baseOffset).toList());
  }

  @Test
  void anAbandonedRangeBecomesAGapAndNoLongerHoldsTheLastStableOffsetBack() {
    PartitionLog log =
        new PartitionLog(1, new TopicPartition("t", 0), 0, 0, 0, 1 << 20, UNBOUNDED, null, null);
    long rolledBack = log.reserve(2);
    long committed = log.reserve(1);
    log.settled(committed, List.of(batch(2, 1, 10)));
    assertEquals(0, log.lastStableOffset());

    log.abandoned(rolledBack);

    assertEquals(3, log.lastStableOffset());
    assertEquals(List.of(2L), log.cachedFrom(2).stream().map(EncodedBatch::baseOffset).toList());
  }

  /** A log whose batches are in {@link #store} and settled, as after their group commit. */
  private PartitionLog stored(EncodedBatch... batches) {
    PartitionLog log =
        new PartitionLog(1, new TopicPartition("t", 0), 0, 0, 0, 1 << 20, UNBOUNDED, store, null);
    for (EncodedBatch batch : batches) {
      store.add(0, batch);
    }
    append(log, batches);
    return log;
  }

  /** DeleteRecords on this log alone, both steps as {@link RecordDeletion} takes them. */
  private Removal deleteRecordsBefore(PartitionLog log, long offset) {
    LogStartMoves.move(
        Map.of(log, offset),
        moves -> moves.forEach(m -> store.saveLogStart(1, m.partition(), m.after())));
    return log.removeBelowLogStart(10);
  }

  @Test
  void batchesWhollyBelowTheLogStartLeaveTheCache() {
    PartitionLog log = stored(batch(0, 10, 100), batch(10, 10, 100), batch(20, 10, 100));
    deleteRecordsBefore(log, 15);
    assertEquals(
        List.of(10L, 20L), log.cachedFrom(15).stream().map(EncodedBatch::baseOffset).toList());
  }

  @Test
  void aRewrittenBatchAndThoseBeforeItLeaveTheCacheSoItNeverServesOldBytesOrHoles() {
    EncodedBatch rewritten = batch(10, 10, 100);
    PartitionLog log = stored(batch(0, 10, 100), rewritten, batch(20, 10, 100));
    log.replaceCompacted(Map.of(rewritten, new BatchCompaction.Result(batch(10, 10, 40), 0, 0)));
    assertNull(log.cachedFrom(15), "the store serves the rewritten batch");
    assertEquals(List.of(20L), log.cachedFrom(20).stream().map(EncodedBatch::baseOffset).toList());
    assertEquals(240, log.sizeInBytes());
  }

  @Test
  void deleteRecordsRecordsTheNewLogStartAndRemovesOnlyTheWholeBatchesBelowIt() {
    PartitionLog log = stored(batch(0, 10, 100), batch(10, 10, 100), batch(20, 10, 100));
    assertEquals(new Removal(1, 0, 10, 100), deleteRecordsBefore(log, 15));
    assertEquals(15, store.logStarts.get(0));
    assertEquals(List.of(10L, 20L), store.baseOffsets(0));
    assertEquals(200, log.sizeInBytes());
    assertEquals(Removal.NONE, deleteRecordsBefore(log, 12), "the log start never moves down");
  }

  @Test
  void retentionNeverRemovesTheBatchHoldingTheLastRecord() {
    PartitionLog log = stored(batch(0, 10, 100), batch(10, 10, 100), batch(20, 10, 100));
    RetentionWalk everythingExpired = new RetentionWalk(0, 1, -1, 300, 1_000);
    assertEquals(
        new Removal(2, 0, 20, 200), log.deleteOldestBatches(everythingExpired, Integer.MAX_VALUE));
    assertEquals(List.of(20L), store.baseOffsets(0));
    assertEquals(20, log.logStartOffset());
    assertEquals(20, store.logStarts.get(0), "recorded, so a restart starts there too");
    assertEquals(100, log.sizeInBytes());
  }

  /** {@code count} batches of one record each, at offsets 0, 1, 2, ... */
  private PartitionLog storedSingleRecordBatches(int count) {
    EncodedBatch[] batches = new EncodedBatch[count];
    for (int i = 0; i < batches.length; i++) {
      batches[i] = batch(i, 1, 10);
    }
    return stored(batches);
  }

  @Test
  void retentionRemovesAtMostMaxChunksOfAHundredBatchesAtATime() {
    PartitionLog log = storedSingleRecordBatches(251);
    assertEquals(200, log.deleteOldestBatches(new RetentionWalk(0, 1, -1, 0, 1_000), 2).batches());
    assertEquals(200, log.logStartOffset());
    assertEquals(50, log.deleteOldestBatches(new RetentionWalk(0, 1, -1, 0, 1_000), 10).batches());
    assertEquals(List.of(250L), store.baseOffsets(0));
  }

  @Test
  void retentionKeepsTheBatchHoldingTheLastRecordWhenItEndsAFullChunk() {
    PartitionLog log = storedSingleRecordBatches(101);
    assertEquals(
        100,
        log.deleteOldestBatches(new RetentionWalk(0, 1, -1, 0, 1_000), Integer.MAX_VALUE)
            .batches());
    assertEquals(List.of(100L), store.baseOffsets(0));
  }

  @Test
  void aCompactedBatchThatDeleteRecordsTookMeanwhileIsNotStoredAgain() {
    EncodedBatch taken = batch(0, 10, 100);
    PartitionLog log = stored(taken, batch(10, 10, 100), batch(20, 10, 100));
    deleteRecordsBefore(log, 10);
    assertEquals(
        Removal.NONE,
        log.replaceCompacted(Map.of(taken, new BatchCompaction.Result(batch(0, 10, 40), 5, 0))));
    assertEquals(List.of(10L, 20L), store.baseOffsets(0));
    assertEquals(200, log.sizeInBytes());
  }

  @Test
  void aCompactedBatchWithNothingLeftIsRemovedAndCounted() {
    EncodedBatch emptied = batch(10, 10, 100);
    PartitionLog log = stored(batch(0, 10, 100), emptied, batch(20, 10, 100));
    assertEquals(
        new Removal(1, 0, 10, 100),
        log.replaceCompacted(Map.of(emptied, new BatchCompaction.Result(null, 10, 0))));
    assertEquals(List.of(0L, 20L), store.baseOffsets(0));
    assertEquals(200, log.sizeInBytes());
  }

  @Test
  void reservingPastTheLastOffsetIsRefusedAndReservesNothing() {
    PartitionLog log =
        new PartitionLog(
            1,
            new TopicPartition("t", 0),
            0,
            Long.MAX_VALUE - 2,
            0,
            1 << 20,
            UNBOUNDED,
            null,
            null);
    TributaryException refused = assertRefused(ErrorCode.KAFKA_STORAGE_ERROR, () -> log.reserve(3));
    assertTrue(refused.getMessage().contains("no offsets left"), refused.getMessage());
    assertEquals(Long.MAX_VALUE - 2, log.reserve(2), "the refused range took nothing");
    assertThrows(TributaryException.class, () -> log.reserve(1));
  }

  @Test
  void aGapAtTheEndIsPassedOnlyOnceItsEndIsRecorded() {
    List<PartitionLog> asked = new ArrayList<>();
    PartitionLog log =
        new PartitionLog(
            1, new TopicPartition("t", 0), 0, 5, 0, 1 << 20, UNBOUNDED, null, asked::add);
    CompletableFuture<Void> waiter = log.awaitDataBeyond(5);
    long base = log.reserve(3);
    assertEquals(List.of(), log.abandoned(base), "rolled back at the end of the log");
    assertEquals(5, log.lastStableOffset(), "a restart would hand offsets 5..7 out again");
    assertEquals(List.of(log), asked);
    assertEquals(OptionalLong.of(8), log.unrecordedEnd());

    log.endRecordFailed();
    log.askAgain();
    assertEquals(List.of(log, log), asked, "asked again after a failed record");

    assertEquals(List.of(waiter), log.endRecorded(8));
    assertEquals(8, log.lastStableOffset());
    assertEquals(OptionalLong.empty(), log.unrecordedEnd());
  }

  @Test
  void aGapThatAStoredBatchFollowsNeedsNoRecord() {
    List<PartitionLog> asked = new ArrayList<>();
    PartitionLog log =
        new PartitionLog(
            1, new TopicPartition("t", 0), 0, 0, 0, 1 << 20, UNBOUNDED, null, asked::add);
    long gap = log.reserve(2);
    long stored = log.reserve(1);
    log.settled(stored, List.of(batch(stored, 1, 10)));
    log.abandoned(gap);
    assertEquals(3, log.lastStableOffset());
    assertEquals(List.of(), asked);
  }
}
