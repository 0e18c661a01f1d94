package org.tributary.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.tributary.topic.TopicPartition;

class PartitionLogTest {

  private static EncodedBatch batch(long base, int count, int size) {
    return new EncodedBatch(base, base + count - 1, 0, 0, count, new byte[size]);
  }

  @Test
  void waiterAtTheHighWatermarkIsHandedBackByTheNextAppend() {
    PartitionLog log = new PartitionLog(1, new TopicPartition("t", 0), 0, 5, 1 << 20);
    CompletableFuture<Void> waiter = log.awaitDataBeyond(5);
    assertFalse(waiter.isDone());
    assertEquals(List.of(waiter), log.appended(List.of(batch(5, 2, 10))));
    assertEquals(7, log.highWatermark());
  }

  @Test
  void waiterBelowTheHighWatermarkCompletesAtOnce() {
    PartitionLog log = new PartitionLog(1, new TopicPartition("t", 0), 0, 5, 1 << 20);
    assertTrue(log.awaitDataBeyond(4).isDone());
  }

  @Test
  void tailCacheKeepsTheNewestBatchesWithinItsLimit() {
    PartitionLog log = new PartitionLog(1, new TopicPartition("t", 0), 0, 0, 250);
    log.appended(List.of(batch(0, 10, 100), batch(10, 10, 100), batch(20, 10, 100)));
    assertNull(log.cachedFrom(5), "the oldest batch was evicted; the store must serve offset 5");
    assertEquals(
        List.of(10L, 20L), log.cachedFrom(15).stream().map(EncodedBatch::baseOffset).toList());
    assertEquals(List.of(20L), log.cachedFrom(20).stream().map(EncodedBatch::baseOffset).toList());
  }

  @Test
  void offsetsAreHandedOutInOrderFromTheRecoveredNextOffset() {
    PartitionLog log = new PartitionLog(1, new TopicPartition("t", 0), 3, 17, 1 << 20);
    assertEquals(17, log.assignOffset());
    assertEquals(18, log.assignOffset());
    assertEquals(17, log.highWatermark(), "assigning is not publishing");
    assertEquals(3, log.logStartOffset());
  }
}
