package org.tributary.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionWalkTest {

  private static final long NOW = 1_000_000L;

  /** Ten batches of 100 bytes and 10 records each: offsets 0-9, 10-19, ...; batch i is i ms old. */
  private static List<BatchSummary> batches() {
    return java.util.stream.IntStream.range(0, 10)
        .mapToObj(i -> new BatchSummary(i * 10L, i * 10L + 9, NOW - (10 - i) * 1000L, 10, 100))
        .toList();
  }

  private static int removed(RetentionWalk walk) {
    int count = 0;
    for (BatchSummary batch : batches()) {
      if (!walk.removes(batch)) {
        break;
      }
      count++;
    }
    return count;
  }

  @Test
  void timeRetentionRemovesTheBatchesWhoseNewestRecordIsOlderThanTheLimit() {
    // Batch i's newest record is (10 - i) s old: with 7.5 s retention batches 0, 1, 2 (10, 9, 8 s).
    assertEquals(3, removed(new RetentionWalk(0, 7_500, -1, 1000, NOW)));
    assertEquals(0, removed(new RetentionWalk(0, 60_000, -1, 1000, NOW)));
    assertEquals(0, removed(new RetentionWalk(0, -1, -1, 1000, NOW)));
  }

  @Test
  void sizeRetentionKeepsAtLeastRetentionBytes() {
    // 1000 bytes stored, 350 allowed: removing 6 batches leaves 400 >= 350, a 7th would leave 300.
    assertEquals(6, removed(new RetentionWalk(0, -1, 350, 1000, NOW)));
    assertEquals(7, removed(new RetentionWalk(0, -1, 300, 1000, NOW)));
    assertEquals(0, removed(new RetentionWalk(0, -1, 1000, 1000, NOW)));
  }

  @Test
  void batchesWhollyBelowTheLogStartGoWhateverTheLimits() {
    assertEquals(2, removed(RetentionWalk.belowLogStart(25)));
    assertEquals(3, removed(RetentionWalk.belowLogStart(30)));
    assertEquals(0, removed(RetentionWalk.belowLogStart(9)));
  }

  @Test
  void theWalkStopsAtTheFirstBatchThatStays() {
    List<BatchSummary> outOfOrder =
        List.of(
            new BatchSummary(0, 9, NOW - 10_000, 10, 100),
            new BatchSummary(10, 19, NOW, 10, 100),
            new BatchSummary(20, 29, NOW - 10_000, 10, 100));
    RetentionWalk walk = new RetentionWalk(0, 5_000, -1, 300, NOW);
    assertEquals(true, walk.removes(outOfOrder.get(0)));
    assertEquals(false, walk.removes(outOfOrder.get(1)));
  }

  @Test
  void removableIsThePrefixBeforeTheFirstBatchThatStays() {
    List<BatchSummary> batches = batches();
    RetentionWalk walk = new RetentionWalk(0, 7_500, -1, 1000, NOW);
    assertEquals(batches.subList(0, 3), walk.removable(batches));
  }
}
