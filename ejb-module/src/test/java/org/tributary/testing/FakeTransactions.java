package org.tributary.testing;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;

/** One transaction at a time: active once begun, its synchronizations run by {@link #end}. */
public final class FakeTransactions implements TransactionSynchronizationRegistry {
  private int status = Status.STATUS_NO_TRANSACTION;
  private final List<Synchronization> synchronizations = new ArrayList<>();
  private boolean rollbackOnly;

  public void begin() {
    status = Status.STATUS_ACTIVE;
    rollbackOnly = false;
  }

  /** Runs the commit's before and after steps; returns whether it committed. */
  public boolean end() {
    synchronizations.forEach(Synchronization::beforeCompletion);
    status = rollbackOnly ? Status.STATUS_ROLLEDBACK : Status.STATUS_COMMITTED;
    synchronizations.forEach(s -> s.afterCompletion(status));
    synchronizations.clear();
    boolean committed = status == Status.STATUS_COMMITTED;
    status = Status.STATUS_NO_TRANSACTION;
    return committed;
  }

  @Override
  public Object getTransactionKey() {
    return status == Status.STATUS_NO_TRANSACTION ? null : this;
  }

  @Override
  public void putResource(Object key, Object value) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Object getResource(Object key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void registerInterposedSynchronization(Synchronization sync) {
    synchronizations.add(sync);
  }

  @Override
  public int getTransactionStatus() {
    return status;
  }

  @Override
  public void setRollbackOnly() {
    rollbackOnly = true;
  }

  @Override
  public boolean getRollbackOnly() {
    return rollbackOnly;
  }
}
