package org.tributary.log;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tributary.lease.LeaseStore;
import org.tributary.lease.WriterLease;

/**
 * Reads and writes stored record batches; a group commit's write is one transaction of its own, a
 * transactional send's joins its caller's.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class BatchStore {

  @PersistenceContext(unitName = "tributary")
  EntityManager em;

  @Inject LeaseStore leases;

  /**
   * Persists every batch of one group commit in a single transaction, fenced by the writer's epoch:
   * it fails if another server took over writing.
   */
  public void persist(long writerEpoch, List<StoredBatch> batches) {
    leases.fence(WriterLease.NAME, writerEpoch);
    batches.forEach(em::persist);
  }

  /** Persists the batches of a transactional send in the caller's JTA transaction, fenced. */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void persistInCallerTransaction(long writerEpoch, List<StoredBatch> batches) {
    leases.fence(WriterLease.NAME, writerEpoch);
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

  /**
   * Up to {@code maxBatches} summaries of the batches from base offset {@code fromBase}, below the
   * high watermark, in offset order.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<BatchSummary> summaries(
      long topicId, int partition, long fromBase, long highWatermark, int maxBatches) {
    return em
        .createNamedQuery(StoredBatch.SUMMARIES, Object[].class)
        .setParameter("topicId", topicId)
        .setParameter("partition", partition)
        .setParameter("fromBase", fromBase)
        .setParameter("highWatermark", highWatermark)
        .setMaxResults(maxBatches)
        .getResultList()
        .stream()
        .map(BatchSummary::of)
        .toList();
  }

  /** The base offset of the batch holding the last record below the high watermark, if any. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Long lastBatchBelow(long topicId, int partition, long highWatermark) {
    return em.createNamedQuery(StoredBatch.BASE_AT_OR_BELOW, Long.class)
        .setParameter("topicId", topicId)
        .setParameter("partition", partition)
        .setParameter("offset", highWatermark - 1)
        .getSingleResult();
  }

  /**
   * Removes the consecutive batches whose base offsets run from {@code first} to {@code last}, in
   * one short transaction (a range of the primary key, never a scan); returns how many rows went.
   */
  public int delete(long topicId, int partition, long first, long last) {
    return em.createNamedQuery(StoredBatch.DELETE_BATCHES)
        .setParameter("topicId", topicId)
        .setParameter("partition", partition)
        .setParameter("first", first)
        .setParameter("last", last)
        .executeUpdate();
  }

  /**
   * Stores compacted batches in one transaction: each replaces the row at its base offset, or
   * removes it when nothing in it survived ({@code null}). A removal also records the log start
   * offset, so that a log whose first batches compaction removed still starts where it did after a
   * restart. Returns the base offsets whose rows were there to change.
   */
  public List<Long> replace(
      long topicId, int partition, Map<Long, EncodedBatch> compacted, long logStartOffset) {
    List<Long> changed = new ArrayList<>(compacted.size());
    compacted.forEach(
        (baseOffset, batch) -> {
          // Statements by key, so the old bytes are never loaded just to be replaced.
          int rows =
              batch == null
                  ? delete(topicId, partition, baseOffset, baseOffset)
                  : em.createNamedQuery(StoredBatch.REWRITE)
                      .setParameter("topicId", topicId)
                      .setParameter("partition", partition)
                      .setParameter("baseOffset", baseOffset)
                      .setParameter("lastOffset", batch.lastOffset())
                      .setParameter("firstTimestamp", batch.firstTimestamp())
                      .setParameter("maxTimestamp", batch.maxTimestamp())
                      .setParameter("recordCount", batch.recordCount())
                      .setParameter("sizeInBytes", batch.bytes().length)
                      .setParameter("data", batch.bytes())
                      .executeUpdate();
          if (rows > 0) {
            changed.add(baseOffset);
          }
        });
    if (compacted.containsValue(null)) {
      saveLogStart(topicId, partition, logStartOffset);
    }
    return changed;
  }

  /** Records where a partition's log now starts; see {@link LogStartOffset}. */
  public void saveLogStart(long topicId, int partition, long offset) {
    em.merge(new LogStartOffset(topicId, partition, offset));
  }

  /** Per partition whose log start was moved: topic id, partition, log start offset. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Object[]> logStarts() {
    return em.createNamedQuery(LogStartOffset.ALL, Object[].class).getResultList();
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
    // Batches first, then the log start: the order compaction locks them in, so no deadlock.
    int deleted =
        em.createNamedQuery(StoredBatch.DELETE_TOPIC)
            .setParameter("topicId", topicId)
            .executeUpdate();
    em.createNamedQuery(LogStartOffset.DELETE_TOPIC)
        .setParameter("topicId", topicId)
        .executeUpdate();
    return deleted;
  }

  /** Removes batches left by a topic whose deletion committed before its batches were removed. */
  public int deleteOrphans() {
    em.createNamedQuery(LogStartOffset.DELETE_ORPHANS).executeUpdate();
    return em.createNamedQuery(StoredBatch.DELETE_ORPHANS).executeUpdate();
  }
}
