package org.tributary.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.transaction.xa.XAResource;
import org.junit.jupiter.api.Test;
import org.tributary.testing.FakeTransactions;
import org.tributary.topic.TopicConfig;
import org.tributary.topic.TopicMetadata;

class OpenTransactionsTest {

  private static final TopicMetadata TOPIC =
      new TopicMetadata(1, "t", 1, TopicConfig.defaults(), Instant.EPOCH);
  private static final Duration LIMIT = Duration.ofSeconds(10);

  private final AtomicLong nanos = new AtomicLong();
  private final FakeTransactions transactions = new FakeTransactions();
  private final PartitionLog log =
      new PartitionLog(
          1, TOPIC.partition(0), 0, 0, 0, 1 << 20, new TailCacheBudget(1 << 20), null, null);
  private FakeTransaction current = new FakeTransaction();
  private Supplier<Transaction> currentTransaction = () -> current;

  private OpenTransactions open() {
    return new OpenTransactions(
        transactions,
        () -> currentTransaction.get(),
        nanos::get,
        new DelayedFetches(null, Runnable::run));
  }

  /** An append made in the current transaction at the current time. */
  private TransactionalAppend append(OpenTransactions open, List<Boolean> ended) {
    TransactionalAppend append =
        new TransactionalAppend(
            TOPIC,
            List.of(log),
            List.of(NewRecord.of(null, "v".getBytes(StandardCharsets.UTF_8))),
            0,
            open.nanoTime());
    open.join(append, ended::add);
    return append;
  }

  private static boolean open(TransactionalAppend append) {
    return append.openLongerThan(Duration.ZERO, Long.MAX_VALUE);
  }

  @Test
  void onlyTransactionsOpenLongerThanTheLimitAreRolledBackAndOnlyOnce() {
    OpenTransactions open = open();
    FakeTransaction old = current;
    TransactionalAppend stale = append(open, new ArrayList<>());
    nanos.set(LIMIT.toNanos() / 2);
    current = new FakeTransaction();
    TransactionalAppend young = append(open, new ArrayList<>());
    nanos.set(LIMIT.toNanos() + 1);

    assertEquals(1, open.abortOpenLongerThan(LIMIT));
    assertEquals(1, old.rollbacks);
    assertEquals(0, current.rollbacks);
    assertFalse(open(stale), "its offsets were given up");
    assertTrue(open(young));

    assertEquals(0, open.abortOpenLongerThan(LIMIT), "no longer tracked");
    assertEquals(1, old.rollbacks);
  }

  @Test
  void aTransactionAlreadyEndingIsLeftToItsOwnCompletion() {
    OpenTransactions open = open();
    current.refuseRollback = true;
    TransactionalAppend committing = append(open, new ArrayList<>());
    nanos.set(LIMIT.toNanos() + 1);

    assertEquals(0, open.abortOpenLongerThan(LIMIT));
    assertTrue(open(committing));
  }

  @Test
  void anEndedTransactionIsForgottenAndItsOutcomeReported() {
    OpenTransactions open = open();
    List<Boolean> ended = new ArrayList<>();
    TransactionalAppend committed = append(open, ended);
    transactions.end();
    nanos.set(LIMIT.toNanos() + 1);

    assertEquals(List.of(true), ended);
    assertFalse(open(committed));
    assertEquals(0, open.abortOpenLongerThan(LIMIT));
    assertEquals(0, current.rollbacks);
  }

  @Test
  void withoutATransactionManagerNothingIsRolledBackFromHere() {
    currentTransaction = () -> null;
    OpenTransactions open = open();
    TransactionalAppend append = append(open, new ArrayList<>());
    nanos.set(LIMIT.toNanos() + 1);

    assertEquals(0, open.abortOpenLongerThan(LIMIT));
    assertTrue(open(append));
    transactions.setRollbackOnly();
    transactions.end();
    assertFalse(open(append), "its own rollback still gives the offsets up");
  }

  private static final class FakeTransaction implements Transaction {
    int rollbacks;
    boolean refuseRollback;

    @Override
    public void rollback() {
      if (refuseRollback) {
        throw new IllegalStateException("committing");
      }
      rollbacks++;
    }

    @Override
    public void commit() {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean delistResource(XAResource resource, int flag) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean enlistResource(XAResource resource) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int getStatus() throws SystemException {
      return Status.STATUS_ACTIVE;
    }

    @Override
    public void registerSynchronization(Synchronization synchronization) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void setRollbackOnly() {
      throw new UnsupportedOperationException();
    }
  }
}
