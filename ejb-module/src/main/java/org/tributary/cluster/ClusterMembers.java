package org.tributary.cluster;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.tributary.storage.Database;

/**
 * The member rows: join, heartbeat, advertise and leave, each a short transaction of its own. A
 * server that has not said it is alive for a lease term is dead; its broker id goes to the next
 * server that joins, so a restarted server usually gets its own back. Times are the database's.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ClusterMembers {

  @PersistenceContext(unitName = "tributary")
  EntityManager em;

  @Inject Database database;

  /**
   * Joins as {@code memberId}: takes the lowest broker id of a dead server, or the next new one.
   * Two servers joining at once may pick the same new id; one of them fails and joins again.
   */
  public int join(String memberId, Duration term) {
    Timestamp now = databaseTime();
    Timestamp deadBefore = Timestamp.from(now.toInstant().minus(term));
    int next = 0;
    for (ClusterMember member : members()) {
      if (member.heartbeatAt().before(deadBefore)
          && em.createNamedQuery(ClusterMember.TAKE_OVER_ID)
                  .setParameter("memberId", memberId)
                  .setParameter("brokerId", member.brokerId())
                  .setParameter("deadBefore", deadBefore)
                  .executeUpdate()
              == 1) {
        return member.brokerId();
      }
      next = Math.max(next, member.brokerId() + 1);
    }
    em.persist(new ClusterMember(next, memberId, now));
    em.flush();
    return next;
  }

  /**
   * Says the member is alive, and where it listens (again: an earlier write of it may have failed);
   * false when its broker id went to another server meanwhile.
   */
  public boolean heartbeat(int brokerId, String memberId, String host, Integer port) {
    return em.createNamedQuery(ClusterMember.HEARTBEAT)
            .setParameter("brokerId", brokerId)
            .setParameter("memberId", memberId)
            .setParameter("host", host)
            .setParameter("port", port)
            .executeUpdate()
        == 1;
  }

  /** Where Kafka clients reach the member. */
  public void advertise(int brokerId, String memberId, String host, int port) {
    em.createNamedQuery(ClusterMember.ADVERTISE)
        .setParameter("brokerId", brokerId)
        .setParameter("memberId", memberId)
        .setParameter("host", host)
        .setParameter("port", port)
        .executeUpdate();
  }

  /** Leaves at once (a clean stop), so that its broker id is free for the next server. */
  public void leave(int brokerId, String memberId) {
    em.createNamedQuery(ClusterMember.LEAVE)
        .setParameter("brokerId", brokerId)
        .setParameter("memberId", memberId)
        .setParameter("gone", new Timestamp(0))
        .executeUpdate();
  }

  /** Every member row, live or not, and the database's time when they were read. */
  public Members read() {
    Timestamp now = databaseTime();
    return new Members(members().stream().map(ClusterMember::asMember).toList(), now.toInstant());
  }

  /** The member rows as read at {@code now}. */
  public record Members(List<ClusterView.Member> rows, Instant now) {}

  private List<ClusterMember> members() {
    return em.createNamedQuery(ClusterMember.ALL, ClusterMember.class).getResultList();
  }

  private Timestamp databaseTime() {
    String sql =
        database == Database.EMBEDDED_DERBY
            ? "VALUES CURRENT_TIMESTAMP"
            : "SELECT CURRENT_TIMESTAMP";
    Object value = em.createNativeQuery(sql).getSingleResult();
    if (value instanceof Timestamp timestamp) {
      return timestamp;
    }
    if (value instanceof java.time.OffsetDateTime time) {
      return Timestamp.from(time.toInstant());
    }
    return Timestamp.valueOf(value.toString());
  }
}
