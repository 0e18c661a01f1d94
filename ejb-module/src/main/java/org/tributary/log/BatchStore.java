package org.tributary.log;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.tributary.audit.AuditAction;
import org.tributary.audit.AuditSubject;
import org.tributary.audit.AuditTrail;
import org.tributary.lease.LeaseStore;
import org.tributary.lease.WriterLease;
import org.tributary.storage.Database;

/**
 * Reads and writes stored record batches; a group commit's write is one transaction of its own, a
 * transactional send's joins its caller's.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class BatchStore {

  /** How many batch sizes a fetch reads at once while it fills its bytes. */
  private static final int SUMMARY_PAGE = 32;

  @PersistenceContext(unitName = "tributary")
  EntityManager em;

  @Inject LeaseStore leases;
  @Inject AuditTrail audit;

  @Resource(lookup = "java:app/jdbc/tributary")
  DataSource dataSource;

  @Inject Database database;

  /**
   * Adds the batch table's indexes that a database made by an older Tributary lacks: EclipseLink
   * extends an existing table with new columns, never with new indexes.
   */
  public void addMissingIndexes() {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData metaData = connection.getMetaData();
      String table =
          metaData.storesUpperCaseIdentifiers()
              ? StoredBatch.TABLE.toUpperCase(Locale.ROOT)
              : StoredBatch.TABLE;
      try (ResultSet indexes = metaData.getIndexInfo(null, null, table, false, false)) {
        while (indexes.next()) {
          if (StoredBatch.BASE_OFFSET_INDEX.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
            return;
          }
        }
      }
      try (Statement create = connection.createStatement()) {
        create.executeUpdate(
            "CREATE UNIQUE INDEX "
                + StoredBatch.BASE_OFFSET_INDEX
                + " ON "
                + StoredBatch.TABLE
                + " ("
                + StoredBatch.BASE_OFFSET_INDEX_COLUMNS
                + ")");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not add index " + StoredBatch.BASE_OFFSET_INDEX + " to " + StoredBatch.TABLE, e);
    }
  }

  /**
   * Persists every batch of one group commit in a single transaction, fenced by the writer's epoch:
   * it fails if another server took over writing.
   */
  public void persist(long writerEpoch, List<StoredBatch> batches) {
    fence(writerEpoch, true);
    batches.forEach(em::persist);
  }

  /** Persists the batches of a transactional send in the caller's JTA transaction, fenced. */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void persistInCallerTransaction(long writerEpoch, List<StoredBatch> batches) {
    fence(writerEpoch, false);
    batches.forEach(em::persist);
    em.flush();
  }

  private void fence(long writerEpoch, boolean ownTransaction) {
    // Embedded Derby is opened by this one JVM: no other server can write to it, and the epoch
    // was checked in memory before the append (WriterEpoch.require). A fence would cost a query
    // and a container call in every commit and decide nothing.
    if (database != Database.EMBEDDED_DERBY) {
      leases.fence(WriterLease.NAME, writerEpoch, ownTransaction);
    }
  }

  /**
   * The batches holding {@code offset} and after, below the last stable offset. Both queries walk
   * indexes strictly below the last stable offset, so they never touch (and never wait on the locks
   * of) rows that transactions still open are writing above it.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<EncodedBatch> batchesFrom(
      long topicId, int partition, long offset, long lastStableOffset, int maxBatches) {
    Long holding = baseOfBatchHolding(topicId, partition, offset, lastStableOffset);
    if (holding == null) {
      return List.of();
    }
    return batchesFromBase(topicId, partition, holding, offset, lastStableOffset, maxBatches);
  }

  /**
   * Like {@link #batchesFrom}, but only as many batches as fit in {@code maxBytes} (at least one),
   * at most {@code maxBatches}: their sizes are read first, without their bytes, so that a fetch of
   * a backlog loads no batch only to leave it out, however large or small the batches are.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<EncodedBatch> batchesWithin(
      long topicId,
      int partition,
      long offset,
      long lastStableOffset,
      int maxBatches,
      long maxBytes) {
    Long holding = baseOfBatchHolding(topicId, partition, offset, lastStableOffset);
    if (holding == null) {
      return List.of();
    }
    // Sizes are read a page at a time: a fetch of a backlog fills its bytes with a few dozen
    // batches, and each summary read costs a base-row read on Derby.
    int count = 0;
    long bytes = 0;
    long from = holding;
    boolean full = false;
    while (!full && count < maxBatches) {
      int page = Math.min(SUMMARY_PAGE, maxBatches - count);
      List<BatchSummary> summaries = summaries(topicId, partition, from, lastStableOffset, page);
      for (BatchSummary batch : summaries) {
        if (count > 0 && bytes + batch.sizeInBytes() > maxBytes) {
          full = true;
          break;
        }
        count++;
        bytes += batch.sizeInBytes();
      }
      if (summaries.size() < page) {
        break;
      }
      from = summaries.get(summaries.size() - 1).baseOffset() + 1;
    }
    return batchesFromBase(
        topicId, partition, holding, offset, lastStableOffset, Math.max(1, count));
  }

  /**
   * Up to {@code maxBatches} batches from the one at {@code holding}, below the last stable offset.
   */
  private List<EncodedBatch> batchesFromBase(
      long topicId,
      int partition,
      long holding,
      long offset,
      long lastStableOffset,
      int maxBatches) {
    return em
        .createNamedQuery(StoredBatch.FROM_OFFSET, StoredBatch.class)
        .setParameter("topicId", topicId)
        .setParameter("partition", partition)
        .setParameter("fromBase", holding)
        .setParameter("offset", offset)
        .setParameter("lastStableOffset", lastStableOffset)
        .setMaxResults(maxBatches)
        .getResultList()
        .stream()
        .map(StoredBatch::toEncodedBatch)
        .toList();
  }

  /**
   * The base offset of the first batch below the last stable offset whose last offset reaches
   * {@code offset}: the batch holding it or, after a gap, the next. Batches never overlap, so it is
   * the first entry of the last-offset index from {@code offset}. Derby's optimizer, which cannot
   * see the parameters, would walk the base-offset index and sort the whole partition instead, so
   * the query names its index (PostgreSQL reads the hint as a comment).
   */
  private Long baseOfBatchHolding(long topicId, int partition, long offset, long lastStableOffset) {
    List<?> base =
        em.createNativeQuery(
                "SELECT base_offset FROM "
                    + StoredBatch.TABLE
                    + " --DERBY-PROPERTIES index="
                    + StoredBatch.LAST_OFFSET_INDEX
                    + "\n WHERE topic_id = ? AND partition_id = ? AND last_offset >= ?"
                    + " AND last_offset < ? ORDER BY last_offset FETCH FIRST 1 ROWS ONLY")
            .setParameter(1, topicId)
            .setParameter(2, partition)
            .setParameter(3, offset)
            .setParameter(4, lastStableOffset)
            // A native query would flush the persistence context first, comparing every batch read
            // in the transaction byte by byte; it reads only what is committed.
            .setFlushMode(FlushModeType.COMMIT)
            .getResultList();
    return base.isEmpty() ? null : ((Number) base.get(0)).longValue();
  }

  /**
   * Up to {@code maxBatches} batches from base offset {@code fromBase} on, in offset order, that
   * hold a record at or after {@code timestamp} and reach into [{@code logStartOffset}, {@code
   * lastStableOffset}): the candidates of a lookup by timestamp.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<EncodedBatch> batchesWithTimestamp(
      long topicId,
      int partition,
      long timestamp,
      long fromBase,
      long logStartOffset,
      long lastStableOffset,
      int maxBatches) {
    return em
        .createNamedQuery(StoredBatch.WITH_TIMESTAMP, StoredBatch.class)
        .setParameter("topicId", topicId)
        .setParameter("partition", partition)
        .setParameter("timestamp", timestamp)
        .setParameter("fromBase", fromBase)
        .setParameter("logStartOffset", logStartOffset)
        .setParameter("lastStableOffset", lastStableOffset)
        .setMaxResults(maxBatches)
        .getResultList()
        .stream()
        .map(StoredBatch::toEncodedBatch)
        .toList();
  }

  /**
   * The largest timestamp of the batches that reach into [{@code logStartOffset}, {@code
   * lastStableOffset}), or null when there are none. The walk names the base-offset index, which it
   * leaves at the last stable offset, so it never meets rows of transactions still open above it.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Long maxTimestamp(
      long topicId, int partition, long logStartOffset, long lastStableOffset) {
    List<?> max =
        em.createNativeQuery(
                "SELECT MAX(max_timestamp) FROM "
                    + StoredBatch.TABLE
                    + " --DERBY-PROPERTIES index="
                    + StoredBatch.BASE_OFFSET_INDEX
                    + "\n WHERE topic_id = ? AND partition_id = ? AND base_offset < ?"
                    + " AND last_offset >= ?")
            .setParameter(1, topicId)
            .setParameter(2, partition)
            .setParameter(3, lastStableOffset)
            .setParameter(4, logStartOffset)
            .setFlushMode(FlushModeType.COMMIT)
            .getResultList();
    return max.isEmpty() || max.get(0) == null ? null : ((Number) max.get(0)).longValue();
  }

  /**
   * Whether this very batch is stored: after a commit whose outcome is unknown, whether it happened
   * (a commit's rows are all there or none is). Its bytes are compared, not only its place: once
   * another server took over writing, a batch of its own may be at the same offsets.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public boolean isStored(StoredBatch row) {
    List<byte[]> stored =
        em.createNamedQuery(StoredBatch.DATA_AT, byte[].class)
            .setParameter("topicId", row.topicId())
            .setParameter("partition", row.partition())
            .setParameter("baseOffset", row.baseOffset())
            .getResultList();
    return !stored.isEmpty() && Arrays.equals(stored.get(0), row.data());
  }

  /**
   * Up to {@code maxBatches} summaries of the batches from base offset {@code fromBase}, below the
   * last stable offset, in offset order.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<BatchSummary> summaries(
      long topicId, int partition, long fromBase, long lastStableOffset, int maxBatches) {
    return em
        .createNamedQuery(StoredBatch.SUMMARIES, Object[].class)
        .setParameter("topicId", topicId)
        .setParameter("partition", partition)
        .setParameter("fromBase", fromBase)
        .setParameter("lastStableOffset", lastStableOffset)
        .setMaxResults(maxBatches)
        .getResultList()
        .stream()
        .map(BatchSummary::of)
        .toList();
  }

  /** The base offset of the batch holding the last record below the last stable offset, if any. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Long lastBatchBelow(long topicId, int partition, long lastStableOffset) {
    return em.createNamedQuery(StoredBatch.BASE_AT_OR_BELOW, Long.class)
        .setParameter("topicId", topicId)
        .setParameter("partition", partition)
        .setParameter("offset", lastStableOffset - 1)
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

  /**
   * DeleteRecords: where each partition that moved now starts, and the request in the audit trail
   * (every partition asked for, its log start before and after), in one transaction.
   */
  public void saveLogStarts(long topicId, String topic, List<LogStartMove> moves) {
    Map<Integer, Long> before = new TreeMap<>();
    Map<Integer, Long> after = new TreeMap<>();
    for (LogStartMove move : moves) {
      if (move.moved()) {
        saveLogStart(topicId, move.partition(), move.after());
      }
      before.put(move.partition(), move.before());
      after.put(move.partition(), move.after());
    }
    audit.record(
        AuditAction.RECORDS_DELETE,
        AuditSubject.topic(topic),
        Map.of("log_start_offsets", before),
        Map.of("log_start_offsets", after));
  }

  /** Records where a partition's log now starts; see {@link LogStartOffset}. */
  public void saveLogStart(long topicId, int partition, long offset) {
    em.merge(new LogStartOffset(topicId, partition, offset));
  }

  /** The log start of each partition whose start was moved. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<RecoveredOffset> logStarts() {
    return em.createNamedQuery(LogStartOffset.ALL, RecoveredOffset.class).getResultList();
  }

  /** The extent of each partition that has stored batches. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<LogExtent> extents() {
    return em.createNamedQuery(StoredBatch.EXTENTS, LogExtent.class).getResultList();
  }

  /** Records where a partition's log ends after a gap at its end; see {@link LogEndOffset}. */
  public void saveLogEnd(long topicId, int partition, long offset) {
    em.merge(new LogEndOffset(topicId, partition, offset));
  }

  /** The recorded end of each partition whose end was recorded. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<RecoveredOffset> logEnds() {
    return em.createNamedQuery(LogEndOffset.ALL, RecoveredOffset.class).getResultList();
  }

  /**
   * Removes up to {@code maxBatches} batches of a deleted topic, in one short transaction that
   * locks only those rows (Derby takes a table lock past 5,000 row locks in one transaction, which
   * would stall every other topic); returns how many went. The first key range of the page per
   * partition, so never a scan of other topics' rows.
   */
  public int deleteTopicBatches(long topicId, int maxBatches) {
    List<Object[]> keys =
        em.createNamedQuery(StoredBatch.KEYS_OF_TOPIC, Object[].class)
            .setParameter("topicId", topicId)
            .setMaxResults(maxBatches)
            .getResultList();
    Map<Integer, long[]> ranges = new LinkedHashMap<>();
    for (Object[] key : keys) {
      long baseOffset = (Long) key[1];
      ranges.merge(
          (Integer) key[0],
          new long[] {baseOffset, baseOffset},
          (range, one) -> new long[] {range[0], Math.max(range[1], one[1])});
    }
    int deleted = 0;
    for (Map.Entry<Integer, long[]> range : ranges.entrySet()) {
      deleted += delete(topicId, range.getKey(), range.getValue()[0], range.getValue()[1]);
    }
    return deleted;
  }

  /** Removes what is left of a deleted topic's log once its batches are gone. */
  public void deleteTopicOffsets(long topicId) {
    em.createNamedQuery(LogStartOffset.DELETE_TOPIC)
        .setParameter("topicId", topicId)
        .executeUpdate();
    em.createNamedQuery(LogEndOffset.DELETE_TOPIC).setParameter("topicId", topicId).executeUpdate();
  }

  /** The ids of deleted topics that still have batches (their removal was cut short). */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Long> orphanTopicIds() {
    return em.createNamedQuery(StoredBatch.ORPHAN_TOPIC_IDS, Long.class).getResultList();
  }

  /** Removes log starts and ends left by deleted topics with no batch left. */
  public void deleteOrphanOffsets() {
    em.createNamedQuery(LogStartOffset.DELETE_ORPHANS).executeUpdate();
    em.createNamedQuery(LogEndOffset.DELETE_ORPHANS).executeUpdate();
  }
}
