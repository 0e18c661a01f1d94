package org.tributary.log;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes stored record batches; a group commit's write is one transaction of its own, a
 * transactional send's joins its caller's.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class BatchStore {

  @PersistenceContext(unitName = "tributary")
  EntityManager em;

  /** Persists every batch of one group commit in a single transaction. */
  public void persist(List<StoredBatch> batches) {
    batches.forEach(em::persist);
  }

  /** Persists the batches of a transactional send in the caller's JTA transaction. */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void persistInCallerTransaction(List<StoredBatch> batches) {
    batches.forEach(em::persist);
    em.flush();
  }

  /**
   * The batches holding {@code offset} and after, below the high watermark. Both queries walk the
   * primary key strictly below the high watermark, so they never touch (and never wait on the locks
   * of) rows that transactions still open are writing above it.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<EncodedBatch> batchesFrom(
      long topicId, int partition, long offset, long highWatermark, int maxBatches) {
    Long holding =
        em.createNamedQuery(StoredBatch.BASE_AT_OR_BELOW, Long.class)
            .setParameter("topicId", topicId)
            .setParameter("partition", partition)
            .setParameter("offset", offset)
            .getSingleResult();
    return em
        .createNamedQuery(StoredBatch.FROM_OFFSET, StoredBatch.class)
        .setParameter("topicId", topicId)
        .setParameter("partition", partition)
        .setParameter("fromBase", holding == null ? offset : holding)
        .setParameter("offset", offset)
        .setParameter("highWatermark", highWatermark)
        .setMaxResults(maxBatches)
        .getResultList()
        .stream()
        .map(StoredBatch::toEncodedBatch)
        .toList();
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<EncodedBatch> firstBatchWithTimestamp(
      long topicId, int partition, long timestamp) {
    return em
        .createNamedQuery(StoredBatch.FIRST_WITH_TIMESTAMP, StoredBatch.class)
        .setParameter("topicId", topicId)
        .setParameter("partition", partition)
        .setParameter("timestamp", timestamp)
        .setMaxResults(1)
        .getResultList()
        .stream()
        .findFirst()
        .map(StoredBatch::toEncodedBatch);
  }

  /** Per stored partition: topic id, partition, lowest base offset, highest last offset, bytes. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Object[]> extents() {
    return em.createNamedQuery(StoredBatch.EXTENTS, Object[].class).getResultList();
  }

  /**
   * Per partition (topic name, partition), the highest offset any group committed. A gap at the end
   * of a log leaves no row, but a consumer may have committed past it: after a restart the next
   * offset must not fall below that, or new records would hide behind the commit.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Object[]> committedFloors() {
    return em.createQuery(
            "SELECT c.topic, c.partition, MAX(c.offset) FROM CommittedOffset c"
                + " GROUP BY c.topic, c.partition",
            Object[].class)
        .getResultList();
  }

  public int deleteTopic(long topicId) {
    return em.createNamedQuery(StoredBatch.DELETE_TOPIC)
        .setParameter("topicId", topicId)
        .executeUpdate();
  }

  /** Removes batches left by a topic whose deletion committed before its batches were removed. */
  public int deleteOrphans() {
    return em.createNamedQuery(StoredBatch.DELETE_ORPHANS).executeUpdate();
  }
}
