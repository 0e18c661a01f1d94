package org.tributary.lease;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.storage.Database;

/**
 * The lease rows: claim, renew and release, each a short transaction of its own, and the fence that
 * a write runs inside its own transaction. Times are the database's, so servers whose clocks differ
 * agree on when a lease expires.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class LeaseStore {

  @PersistenceContext(unitName = "tributary")
  EntityManager em;

  @Inject Database database;

  @Inject
  @ConfigProperty(name = "tributary.database.lock-timeout-ms", defaultValue = "10000")
  long lockTimeoutMillis;

  @Inject
  @ConfigProperty(name = "tributary.writer.lease-ms", defaultValue = "10000")
  long leaseMillis;

  /** Creates the lease's row, never claimed, unless it is there (another server may race us). */
  public void createIfMissing(String name) {
    if (em.find(Lease.class, name) == null) {
      em.persist(new Lease(name, new Timestamp(0)));
      em.flush();
    }
  }

  /**
   * Claims the lease unless another owner holds it unexpired. Its row is locked for the claim,
   * which waits for every write still fenced by the previous epoch to end: none can commit
   * afterwards.
   */
  public LeaseClaim claim(String name, String owner, Duration term) {
    limitStalls(false);
    Lease lease = em.find(Lease.class, name, LockModeType.PESSIMISTIC_WRITE);
    Timestamp now = databaseTime(name);
    if (lease.heldByAnotherAt(owner, now)) {
      return LeaseClaim.refused(lease.owner(), lease.epoch(), lease.expiresAt().toInstant());
    }
    return LeaseClaim.granted(lease.claim(owner, plus(now, term)));
  }

  /** Extends the owner's lease by {@code term} from now; false when it is no longer the owner's. */
  public boolean renew(String name, String owner, long epoch, Duration term) {
    limitStalls(true);
    return em.createNamedQuery(Lease.RENEW)
            .setParameter("expiresAt", plus(databaseTime(name), term))
            .setParameter("name", name)
            .setParameter("owner", owner)
            .setParameter("epoch", epoch)
            .executeUpdate()
        == 1;
  }

  /** Who holds the lease unexpired (database time), if anybody. */
  public Optional<String> holder(String name) {
    Lease lease = em.find(Lease.class, name);
    if (lease == null || lease.owner() == null) {
      return Optional.empty();
    }
    return lease.expiresAt().after(databaseTime(name))
        ? Optional.of(lease.owner())
        : Optional.empty();
  }

  /** Ends the owner's lease now, so that another server may claim it at once. */
  public void release(String name, String owner, long epoch) {
    renew(name, owner, epoch, Duration.ZERO);
  }

  /**
   * Fails the caller's transaction unless the lease is still at {@code epoch}. On PostgreSQL the
   * row stays key-share locked until that transaction ends: renewals (no key change) go on, while a
   * take-over's claim waits for it, so no write of an old epoch commits after a take-over. Not
   * needed on embedded Derby, which only one server can open (see {@code BatchStore}). A
   * transaction of the writer's own ({@code ownTransaction}: a group commit) that stalls is ended
   * by the database (see {@link #limitStalls}), and its commit fails when the writer wakes.
   */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void fence(String name, long epoch, boolean ownTransaction) {
    limitStalls(ownTransaction);
    boolean postgreSql = database == Database.POSTGRESQL;
    List<?> current =
        em.createNativeQuery(
                "SELECT epoch FROM tributary_lease WHERE name = ?"
                    + (postgreSql ? " FOR KEY SHARE" : ""))
            .setParameter(1, name)
            .getResultList();
    if (current.isEmpty() || ((Number) current.get(0)).longValue() != epoch) {
      throw new TributaryException(
          ErrorCode.NOT_LEADER_OR_FOLLOWER,
          "Another server took over writing to this database; nothing was appended. Send the"
              + " request to the server that writes now.");
    }
  }

  /**
   * On PostgreSQL, bounds how long this transaction waits for a lock (Derby: derby.locks.*, set at
   * start) and, for a transaction of the writer's own, which is never idle between its statements,
   * how long it may sit idle: a server that stalls inside it (a long pause, SIGSTOP) has its
   * session, and with it the transaction and its lock on the lease row, ended by the database after
   * half a lease term, so another server's claim is not held up by it.
   */
  private void limitStalls(boolean ownTransaction) {
    if (database != Database.POSTGRESQL) {
      return;
    }
    Query settings =
        em.createNativeQuery(
                ownTransaction
                    ? "SELECT set_config('lock_timeout', ?, true),"
                        + " set_config('idle_in_transaction_session_timeout', ?, true)"
                    : "SELECT set_config('lock_timeout', ?, true)")
            .setParameter(1, Long.toString(lockTimeoutMillis));
    if (ownTransaction) {
      settings.setParameter(2, Long.toString(Math.max(1, leaseMillis / 2)));
    }
    settings.getSingleResult();
  }

  /** Touches the record batch table the way an append does, fenced, and changes nothing. */
  public void probeWrite(String name, long epoch) {
    fence(name, epoch, true);
    em.createNativeQuery("DELETE FROM tributary_record_batch WHERE topic_id = -1").executeUpdate();
  }

  private Timestamp databaseTime(String name) {
    return em.createNamedQuery(Lease.DATABASE_TIME, Timestamp.class)
        .setParameter("name", name)
        .getSingleResult();
  }

  private static Timestamp plus(Timestamp time, Duration term) {
    return Timestamp.from(time.toInstant().plus(term));
  }
}
