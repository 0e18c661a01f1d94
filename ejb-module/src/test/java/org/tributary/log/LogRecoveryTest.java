package org.tributary.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.topic.TopicConfig;
import org.tributary.topic.TopicMetadata;
import org.tributary.topic.TopicPartition;

class LogRecoveryTest {

  private static final TopicMetadata ORDERS =
      new TopicMetadata(1, "orders", 2, TopicConfig.defaults(), Instant.EPOCH);
  private static final TopicMetadata DELETED =
      new TopicMetadata(9, "gone", 1, TopicConfig.defaults(), Instant.EPOCH);

  private static LogRecovery recovery(List<RecoveredOffset> starts, List<RecoveredOffset> ends) {
    return new LogRecovery(starts, ends, 1 << 20, new TailCacheBudget(1 << 20), null, log -> {});
  }

  private static PartitionLog only(Map<PartitionKey, PartitionLog> logs, int partition) {
    return logs.get(new PartitionKey(ORDERS.id(), partition));
  }

  @Test
  void aLogStartsAtItsLowestBaseOffsetAndContinuesAfterItsHighestLastOffset() {
    Map<PartitionKey, PartitionLog> logs =
        recovery(List.of(), List.of())
            .logs(List.of(ORDERS), List.of(new LogExtent(ORDERS.id(), 1, 10, 41, 5_000)));
    PartitionLog log = only(logs, 1);
    assertEquals(1, logs.size());
    assertEquals(new TopicPartition("orders", 1), log.topicPartition());
    assertEquals(10, log.logStartOffset());
    assertEquals(42, log.lastStableOffset());
    assertEquals(5_000, log.sizeInBytes());
  }

  @Test
  void aRecordedLogStartWinsOverTheLowestStoredBatch() {
    PartitionLog log =
        only(
            recovery(List.of(new RecoveredOffset(ORDERS.id(), 0, 25)), List.of())
                .logs(List.of(ORDERS), List.of(new LogExtent(ORDERS.id(), 0, 0, 41, 100))),
            0);
    assertEquals(25, log.logStartOffset());
    assertEquals(42, log.lastStableOffset());
  }

  @Test
  void theNextOffsetIsNeverBelowTheLogStartNorARecordedEnd() {
    LogRecovery recovery =
        recovery(
            List.of(new RecoveredOffset(ORDERS.id(), 0, 60)),
            List.of(new RecoveredOffset(ORDERS.id(), 1, 70)));
    Map<PartitionKey, PartitionLog> logs =
        recovery.logs(
            List.of(ORDERS),
            List.of(
                new LogExtent(ORDERS.id(), 0, 0, 41, 100),
                new LogExtent(ORDERS.id(), 1, 0, 41, 100)));
    assertEquals(60, only(logs, 0).lastStableOffset(), "DeleteRecords passed a gap at the end");
    assertEquals(70, only(logs, 1).lastStableOffset(), "a gap at the end was recorded");
  }

  @Test
  void aDeletedTopicsBatchesGetNoLog() {
    Map<PartitionKey, PartitionLog> logs =
        recovery(List.of(), List.of())
            .logs(
                List.of(ORDERS),
                List.of(
                    new LogExtent(DELETED.id(), 0, 0, 9, 100),
                    new LogExtent(ORDERS.id(), 0, 0, 9, 100)));
    assertEquals(List.of(new PartitionKey(ORDERS.id(), 0)), List.copyOf(logs.keySet()));
  }

  @Test
  void aPartitionWithoutBatchesStartsFromItsRecordedStartAndEnd() {
    LogRecovery recovery =
        recovery(
            List.of(new RecoveredOffset(ORDERS.id(), 0, 30)),
            List.of(new RecoveredOffset(ORDERS.id(), 1, 12)));
    PartitionLog emptied = recovery.emptyLog(ORDERS, 0);
    assertEquals(30, emptied.logStartOffset());
    assertEquals(30, emptied.lastStableOffset());
    assertEquals(0, emptied.sizeInBytes());
    PartitionLog rolledBackAtTheEnd = recovery.emptyLog(ORDERS, 1);
    assertEquals(0, rolledBackAtTheEnd.logStartOffset());
    assertEquals(12, rolledBackAtTheEnd.lastStableOffset());
  }

  @Test
  void aForgottenTopicsRecordedOffsetsNoLongerApply() {
    LogRecovery recovery =
        recovery(
            List.of(new RecoveredOffset(ORDERS.id(), 0, 30)),
            List.of(new RecoveredOffset(ORDERS.id(), 0, 40)));
    recovery.forget(ORDERS.id());
    PartitionLog log = recovery.emptyLog(ORDERS, 0);
    assertEquals(0, log.logStartOffset());
    assertEquals(0, log.lastStableOffset());
  }

  @Test
  void idempotentProducersAreRebuiltFromTheNewestStoredBatches() {
    TopicMetadata topic = new TopicMetadata(7, "t", 1, TopicConfig.defaults(), Instant.EPOCH);
    InMemoryBatchStore store = new InMemoryBatchStore();
    store.add(0, ProducerStateUpdatesTest.batch(5, (short) 0, 0, 3).at(0, null));
    store.add(0, ProducerStateUpdatesTest.batch(5, (short) 0, 3, 2).at(3, null));
    store.add(0, ProducerStateUpdatesTest.batch(-1, (short) -1, -1, 1).at(5, null));
    PartitionLog log =
        new LogRecovery(List.of(), List.of(), 1 << 20, new TailCacheBudget(1 << 20), store, l -> {})
            .logs(List.of(topic), List.of(new LogExtent(7, 0, 0, 5, 300)))
            .get(new PartitionKey(7, 0));

    ProducerStateUpdates afterRestart = new ProducerStateUpdates(ProducerStateUpdatesTest.NOW);
    ProducerStateUpdates.Checked retry =
        afterRestart.check(log, ProducerStateUpdatesTest.batch(5, (short) 0, 3, 2));
    assertTrue(retry.duplicate(), "a batch acknowledged before the restart is a retry after it");
    assertEquals(3, retry.batch().baseOffset());
    assertEquals(
        ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
        afterRestart
            .check(log, ProducerStateUpdatesTest.batch(5, (short) 0, 9, 1))
            .refusal()
            .code());
    assertFalse(
        afterRestart.check(log, ProducerStateUpdatesTest.batch(5, (short) 0, 5, 1)).duplicate());
  }
}
