package org.tributary.log;

import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The appends whose JTA transactions have not ended: each settles or gives up its offsets as its
 * transaction ends, and one open longer than a limit is rolled back, as Kafka's transaction
 * coordinator aborts a transaction past its timeout, so that it no longer holds its partitions'
 * last stable offsets back.
 */
final class OpenTransactions {

  private static final Logger LOG = Logger.getLogger(OpenTransactions.class.getName());

  private final Map<TransactionalAppend, Transaction> open = new ConcurrentHashMap<>();
  private final TransactionSynchronizationRegistry registry;
  private final Supplier<Transaction> currentTransaction;
  private final LongSupplier nanoTime;
  private final DelayedFetches delayedFetches;

  /**
   * @param currentTransaction the caller's transaction, or null when there is no transaction
   *     manager to roll it back with (then it is never aborted from here)
   */
  OpenTransactions(
      TransactionSynchronizationRegistry registry,
      Supplier<Transaction> currentTransaction,
      LongSupplier nanoTime,
      DelayedFetches delayedFetches) {
    this.registry = registry;
    this.currentTransaction = currentTransaction;
    this.nanoTime = nanoTime;
    this.delayedFetches = delayedFetches;
  }

  long nanoTime() {
    return nanoTime.getAsLong();
  }

  /**
   * Ends the append with the caller's transaction: its offsets are settled if it commits and given
   * up if it rolls back; then {@code ended} is told whether it committed.
   */
  void join(TransactionalAppend append, Consumer<Boolean> ended) {
    Transaction transaction = currentTransaction.get();
    registry.registerInterposedSynchronization(
        append.onCompletion(
            (committed, woken) -> {
              open.remove(append);
              delayedFetches.wake(woken);
              ended.accept(committed);
            }));
    if (transaction != null) {
      open.put(append, transaction);
    }
  }

  /** Gives the append's offsets up at once: its rows never reached the caller's transaction. */
  void abandon(TransactionalAppend append) {
    delayedFetches.wake(append.abandon());
  }

  /**
   * Rolls back the transactions open longer than {@code limit} (so they can never commit and their
   * rows' locks go), gives their offsets up and wakes the consumers waiting behind them. Returns
   * how many were rolled back.
   */
  int abortOpenLongerThan(Duration limit) {
    long now = nanoTime.getAsLong();
    int aborted = 0;
    for (Map.Entry<TransactionalAppend, Transaction> entry : open.entrySet()) {
      if (!entry.getKey().openLongerThan(limit, now)) {
        continue;
      }
      try {
        // Rolled back from here: its rows and their locks go now, and its completion gives the
        // offsets up; the owner's later commit fails.
        entry.getValue().rollback();
      } catch (IllegalStateException | SystemException completing) {
        continue; // already committing or ending: its own completion settles it
      }
      open.remove(entry.getKey());
      abandon(entry.getKey());
      aborted++;
      LOG.warning(
          () ->
              "Rolled back a transaction that held its partitions open longer than "
                  + limit.toMillis()
                  + " ms (tributary.transaction.max-open-ms)");
    }
    return aborted;
  }
}
