package org.tributary.group;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.tributary.audit.AuditAction;
import org.tributary.audit.AuditSubject;
import org.tributary.audit.AuditTrail;
import org.tributary.topic.TopicPartition;

/**
 * Executes a reset: the new committed offsets, the reset's own record (which an undo reads) and the
 * {@link AuditTrail}'s entry pointing to it, in one transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OffsetResetStore {

  @PersistenceContext(unitName = "tributary")
  EntityManager em;

  @Inject OffsetStore offsets;
  @Inject AuditTrail trail;

  public long execute(
      OffsetReset reset,
      Map<TopicPartition, OffsetAndMetadata> commits,
      Collection<TopicPartition> removals) {
    offsets.commit(reset.groupId(), commits);
    offsets.remove(reset.groupId(), removals);
    OffsetResetAudit audit = new OffsetResetAudit(reset);
    em.persist(audit);
    em.flush();
    long id = audit.toOffsetReset().id();
    Map<Integer, Long> before = new TreeMap<>();
    Map<Integer, Long> after = new TreeMap<>();
    reset
        .partitions()
        .forEach(
            p -> {
              before.put(p.partition(), p.currentOffset());
              after.put(p.partition(), p.newOffset());
            });
    Map<String, Object> done = new LinkedHashMap<>();
    done.put("reset_id", id);
    done.put("strategy", reset.strategy().label());
    if (reset.undoes() != null) {
      done.put("undoes_reset_id", reset.undoes());
    }
    done.put("offsets", after);
    trail.record(
        reset.undoes() == null ? AuditAction.OFFSETS_RESET : AuditAction.OFFSETS_RESET_UNDO,
        AuditSubject.groupTopic(reset.groupId(), reset.topic()),
        Map.of("offsets", before),
        done);
    return id;
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<OffsetReset> find(long id) {
    return Optional.ofNullable(em.find(OffsetResetAudit.class, id))
        .map(OffsetResetAudit::toOffsetReset);
  }

  /** The executed resets of one group (all groups when null), newest first. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<OffsetReset> list(String groupId, int limit) {
    var query =
        groupId == null
            ? em.createNamedQuery(OffsetResetAudit.ALL, OffsetResetAudit.class)
            : em.createNamedQuery(OffsetResetAudit.OF_GROUP, OffsetResetAudit.class)
                .setParameter("groupId", groupId);
    return query.setMaxResults(limit).getResultList().stream()
        .map(OffsetResetAudit::toOffsetReset)
        .toList();
  }
}
