package org.tributary.log;

import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Appends records within the caller's JTA transaction: their batches are written in it, so they
 * become visible when it commits and never if it rolls back. Until it ends they hold back the last
 * stable offset of their partitions, so no consumer skips them.
 */
final class TransactionalAppends {

  private static final Logger LOG = Logger.getLogger(TransactionalAppends.class.getName());

  private final ProduceRouting routing;
  private final BatchStore store;
  private final OpenTransactions openTransactions;
  private final TopicLogRemoval topicLogRemoval;
  private final LogMetrics metrics;
  private final BooleanSupplier twoPhaseCommitOff;
  private final Clock clock;

  /**
   * @param twoPhaseCommitOff whether the database refuses prepared transactions (PostgreSQL's
   *     {@code max_prepared_transactions} is 0), which explains a rollback
   */
  TransactionalAppends(
      ProduceRouting routing,
      BatchStore store,
      OpenTransactions openTransactions,
      TopicLogRemoval topicLogRemoval,
      LogMetrics metrics,
      BooleanSupplier twoPhaseCommitOff,
      Clock clock) {
    this.routing = routing;
    this.store = store;
    this.openTransactions = openTransactions;
    this.topicLogRemoval = topicLogRemoval;
    this.metrics = metrics;
    this.twoPhaseCommitOff = twoPhaseCommitOff;
    this.clock = clock;
  }

  /** Returns where the records will be. */
  List<RecordMetadata> append(String topicName, List<NewRecord> records) {
    if (records.isEmpty()) {
      return List.of();
    }
    ProduceRouting.Routed routed = routing.route(topicName, records);
    boolean explainRollback = twoPhaseCommitOff.getAsBoolean();
    TransactionalAppend append =
        new TransactionalAppend(
            routed.topic(),
            routed.partitions(),
            records,
            clock.millis(),
            openTransactions.nanoTime());
    try {
      store.persistInCallerTransaction(routed.writerEpoch(), append.rows());
      openTransactions.join(
          append, committed -> ended(committed, explainRollback, routed, topicName, records));
    } catch (RuntimeException | Error e) {
      openTransactions.abandon(append);
      throw e;
    }
    return append.metadata();
  }

  private void ended(
      boolean committed,
      boolean explainRollback,
      ProduceRouting.Routed routed,
      String topicName,
      List<NewRecord> records) {
    if (committed && routed.partitions().stream().anyMatch(PartitionLog::isClosed)) {
      // The topic was deleted before this transaction committed its rows.
      topicLogRemoval.remove(routed.topic().id());
    } else if (committed) {
      metrics.produced(records.size(), NewRecord.payloadBytes(records));
    } else if (explainRollback) {
      LOG.warning(
          "A transaction that sent to '"
              + topicName
              + "' rolled back. PostgreSQL's max_prepared_transactions is 0, so a"
              + " transaction that also writes to another database cannot commit;"
              + " see the README (PostgreSQL).");
    }
  }
}
