package org.tributary.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogStartMovesTest {

  private final InMemoryBatchStore store = new InMemoryBatchStore();
  private final List<List<LogStartMove>> recorded = new ArrayList<>();

  /** Three batches of ten records, offsets 0 to 29. */
  private PartitionLog log(int partition) {
    return store.recoveredLog(
        partition,
        0,
        new EncodedBatch(0, 9, 0, 0, 10, new byte[100]),
        new EncodedBatch(10, 19, 0, 0, 10, new byte[100]),
        new EncodedBatch(20, 29, 0, 0, 10, new byte[100]));
  }

  private List<LogStartMove> move(Map<PartitionLog, Long> targets) {
    return LogStartMoves.move(targets, recorded::add);
  }

  @Test
  void theLogStartMovesUpOnlyAndNeverPastTheLastStableOffset() {
    PartitionLog log = log(0);
    assertEquals(List.of(new LogStartMove(0, 0, 15)), move(Map.of(log, 15L)));
    assertEquals(15, log.logStartOffset());
    assertEquals(List.of(new LogStartMove(0, 15, 15)), move(Map.of(log, 3L)));
    assertEquals(15, log.logStartOffset());
    assertEquals(List.of(new LogStartMove(0, 15, 30)), move(Map.of(log, 99L)));
    assertEquals(30, log.logStartOffset());
  }

  @Test
  void everyLogsMoveIsRecordedOnceInPartitionOrderBeforeAnyLogMoves() {
    PartitionLog p0 = log(0);
    PartitionLog p1 = log(1);
    Map<PartitionLog, Long> targets = new LinkedHashMap<>();
    targets.put(p1, 20L);
    targets.put(p0, 0L);

    List<LogStartMove> moves =
        LogStartMoves.move(
            targets,
            all -> {
              recorded.add(all);
              assertEquals(0, p1.logStartOffset(), "not moved before it is recorded");
            });

    List<LogStartMove> expected = List.of(new LogStartMove(0, 0, 0), new LogStartMove(1, 0, 20));
    assertEquals(expected, moves);
    assertEquals(List.of(expected), recorded);
    assertEquals(20, p1.logStartOffset());
  }

  @Test
  void whenRecordingFailsNoLogStartMoves() {
    PartitionLog log = log(0);
    assertThrows(
        IllegalStateException.class,
        () ->
            LogStartMoves.move(
                Map.of(log, 15L),
                moves -> {
                  throw new IllegalStateException("rolled back");
                }));
    assertEquals(0, log.logStartOffset());
    assertEquals(List.of(new LogStartMove(0, 0, 15)), move(Map.of(log, 15L)), "nor stays locked");
  }
}
