package org.tributary.log;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Kafka's DeleteRecords, its first step, on several partitions of one topic: each log start offset
 * moves up to its target (never down, never past the last stable offset), so records below it are
 * no longer readable. The logs' maintenance locks are all held (taken in partition order; nothing
 * else holds more than one) while the moves are recorded in one transaction, so they commit or fail
 * together; only then does each log move its start in memory ({@link
 * PartitionLog#advanceLogStart}). Its second step is each log's {@link
 * PartitionLog#removeBelowLogStart}.
 */
final class LogStartMoves {

  private LogStartMoves() {}

  /**
   * @param record records the moves (all of them, moved or not); throws if it could not
   * @return each log's move, in partition order
   */
  static List<LogStartMove> move(
      Map<PartitionLog, Long> targets, Consumer<List<LogStartMove>> record) {
    List<PartitionLog> logs = new ArrayList<>(targets.keySet());
    logs.sort(Comparator.comparingInt(log -> log.topicPartition().partition()));
    List<PartitionLog> locked = new ArrayList<>();
    try {
      List<LogStartMove> moves = new ArrayList<>();
      for (PartitionLog log : logs) {
        log.lockMaintenance();
        locked.add(log);
        long before = log.logStartOffset();
        long after = Math.max(before, Math.min(targets.get(log), log.lastStableOffset()));
        moves.add(new LogStartMove(log.topicPartition().partition(), before, after));
      }
      record.accept(moves);
      for (int i = 0; i < logs.size(); i++) {
        if (moves.get(i).moved()) {
          logs.get(i).advanceLogStart(moves.get(i).after());
        }
      }
      return moves;
    } finally {
      locked.forEach(PartitionLog::unlockMaintenance);
    }
  }
}
