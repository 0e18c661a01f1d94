package org.tributary.group;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tributary.topic.TopicPartition;

/** Executes a reset: the new committed offsets and the audit row, in one transaction. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OffsetResetStore {

  @PersistenceContext(unitName = "tributary")
  EntityManager em;

  @Inject OffsetStore offsets;

  public long execute(
      OffsetReset reset,
      Map<TopicPartition, OffsetAndMetadata> commits,
      Collection<TopicPartition> removals) {
    offsets.commit(reset.groupId(), commits);
    offsets.remove(reset.groupId(), removals);
    OffsetResetAudit audit = new OffsetResetAudit(reset);
    em.persist(audit);
    em.flush();
    return audit.toOffsetReset().id();
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
