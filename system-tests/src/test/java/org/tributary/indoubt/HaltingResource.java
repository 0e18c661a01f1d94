package org.tributary.indoubt;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * Another resource in a transaction with a send, enlisted after it: at its prepare (the send's
 * branch is prepared already, nothing is decided) it halts the JVM, leaving that branch in doubt.
 */
final class HaltingResource implements XAResource {

  private final boolean halts;

  /**
   * @param halts false for a resource that only takes part (to make the transaction XA early)
   */
  HaltingResource(boolean halts) {
    this.halts = halts;
  }

  @Override
  public int prepare(Xid xid) {
    if (halts) {
      Runtime.getRuntime().halt(99);
    }
    return XA_OK;
  }

  @Override
  public void commit(Xid xid, boolean onePhase) {}

  @Override
  public void rollback(Xid xid) {}

  @Override
  public void start(Xid xid, int flags) {}

  @Override
  public void end(Xid xid, int flags) {}

  @Override
  public void forget(Xid xid) {}

  @Override
  public Xid[] recover(int flag) {
    return new Xid[0];
  }

  @Override
  public boolean isSameRM(XAResource other) {
    return other == this;
  }

  @Override
  public int getTransactionTimeout() {
    return 0;
  }

  @Override
  public boolean setTransactionTimeout(int seconds) throws XAException {
    return false;
  }
}
