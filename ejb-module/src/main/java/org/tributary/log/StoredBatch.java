package org.tributary.log;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.Table;
import java.io.Serializable;
import org.tributary.topic.TopicConfigKey;

/**
 * One record batch as a row: a write costs per row, so a row holds a whole Kafka RecordBatch v2,
 * never a single record. Only compaction rewrites a row (same key, fewer records); retention and
 * DeleteRecords remove whole rows.
 */
@Entity
@Table(
    name = StoredBatch.TABLE,
    indexes = {
      // The primary key's index, as EclipseLink generates it, leads with base_offset, which no
      // query
      // asks for alone: this one serves every walk of a partition's batches in offset order.
      // Without it, each page of retention, compaction or a fetch scanned and sorted the partition.
      @Index(
          name = StoredBatch.BASE_OFFSET_INDEX,
          columnList = StoredBatch.BASE_OFFSET_INDEX_COLUMNS,
          unique = true),
      // Finds the batch holding an offset (see BatchStore.baseOfBatchHolding).
      @Index(
          name = StoredBatch.LAST_OFFSET_INDEX,
          columnList = "topic_id, partition_id, last_offset")
    })
@IdClass(StoredBatch.Key.class)
@NamedQuery(
    name = StoredBatch.FROM_OFFSET,
    query =
        "SELECT b FROM StoredBatch b WHERE b.topicId = :topicId AND b.partition = :partition"
            + " AND b.baseOffset >= :fromBase AND b.baseOffset < :lastStableOffset"
            + " AND b.lastOffset >= :offset ORDER BY b.baseOffset",
    // Read to be decoded at once, never changed: no copy kept to detect changes.
    hints = @QueryHint(name = "eclipselink.read-only", value = "true"))
@NamedQuery(
    name = StoredBatch.BASE_AT_OR_BELOW,
    query =
        "SELECT MAX(b.baseOffset) FROM StoredBatch b WHERE b.topicId = :topicId"
            + " AND b.partition = :partition AND b.baseOffset <= :offset")
@NamedQuery(
    name = StoredBatch.WITH_TIMESTAMP,
    query =
        "SELECT b FROM StoredBatch b WHERE b.topicId = :topicId AND b.partition = :partition"
            + " AND b.baseOffset >= :fromBase AND b.baseOffset < :lastStableOffset"
            + " AND b.lastOffset >= :logStartOffset AND b.maxTimestamp >= :timestamp"
            + " ORDER BY b.baseOffset",
    // Read to be decoded at once, never changed: no copy kept to detect changes.
    hints = @QueryHint(name = "eclipselink.read-only", value = "true"))
@NamedQuery(
    name = StoredBatch.DATA_AT,
    query =
        "SELECT b.data FROM StoredBatch b WHERE b.topicId = :topicId"
            + " AND b.partition = :partition AND b.baseOffset = :baseOffset")
@NamedQuery(
    name = StoredBatch.KEYS_OF_TOPIC,
    query =
        "SELECT b.partition, b.baseOffset FROM StoredBatch b WHERE b.topicId = :topicId"
            + " ORDER BY b.partition, b.baseOffset")
@NamedQuery(
    name = StoredBatch.ORPHAN_TOPIC_IDS,
    query =
        "SELECT DISTINCT b.topicId FROM StoredBatch b"
            + " WHERE b.topicId NOT IN (SELECT t.id FROM Topic t)")
@NamedQuery(
    name = StoredBatch.SUMMARIES,
    query =
        "SELECT b.baseOffset, b.lastOffset, b.maxTimestamp, b.recordCount, b.sizeInBytes"
            + " FROM StoredBatch b WHERE b.topicId = :topicId AND b.partition = :partition"
            + " AND b.baseOffset >= :fromBase AND b.baseOffset < :lastStableOffset"
            + " ORDER BY b.baseOffset")
@NamedQuery(
    name = StoredBatch.EXTENTS,
    query =
        "SELECT NEW org.tributary.log.LogExtent(b.topicId, b.partition, MIN(b.baseOffset),"
            + " MAX(b.lastOffset), SUM(b.sizeInBytes))"
            + " FROM StoredBatch b GROUP BY b.topicId, b.partition")
@NamedQuery(
    name = StoredBatch.DELETE_BATCHES,
    query =
        "DELETE FROM StoredBatch b WHERE b.topicId = :topicId AND b.partition = :partition"
            + " AND b.baseOffset >= :first AND b.baseOffset <= :last")
@NamedQuery(
    name = StoredBatch.REWRITE,
    query =
        "UPDATE StoredBatch b SET b.lastOffset = :lastOffset, b.firstTimestamp = :firstTimestamp,"
            + " b.maxTimestamp = :maxTimestamp, b.recordCount = :recordCount,"
            + " b.sizeInBytes = :sizeInBytes, b.data = :data WHERE b.topicId = :topicId"
            + " AND b.partition = :partition AND b.baseOffset = :baseOffset")
public class StoredBatch {

  static final String TABLE = "tributary_record_batch";
  static final String BASE_OFFSET_INDEX = "ix_batch_base_offset";
  static final String BASE_OFFSET_INDEX_COLUMNS = "topic_id, partition_id, base_offset";
  static final String LAST_OFFSET_INDEX = "ix_batch_last_offset";

  static final String FROM_OFFSET = "StoredBatch.fromOffset";
  static final String BASE_AT_OR_BELOW = "StoredBatch.baseAtOrBelow";
  static final String WITH_TIMESTAMP = "StoredBatch.withTimestamp";
  static final String DATA_AT = "StoredBatch.dataAt";
  static final String KEYS_OF_TOPIC = "StoredBatch.keysOfTopic";
  static final String ORPHAN_TOPIC_IDS = "StoredBatch.orphanTopicIds";
  static final String SUMMARIES = "StoredBatch.summaries";
  static final String EXTENTS = "StoredBatch.extents";
  static final String REWRITE = "StoredBatch.rewrite";
  static final String DELETE_BATCHES = "StoredBatch.deleteBatches";

  @Id
  @Column(name = "topic_id")
  private long topicId;

  @Id
  @Column(name = "partition_id")
  private int partition;

  @Id
  @Column(name = "base_offset")
  private long baseOffset;

  @Column(name = "last_offset", nullable = false)
  private long lastOffset;

  @Column(name = "first_timestamp", nullable = false)
  private long firstTimestamp;

  @Column(name = "max_timestamp", nullable = false)
  private long maxTimestamp;

  @Column(name = "record_count", nullable = false)
  private int recordCount;

  @Column(name = "size_bytes", nullable = false)
  private int sizeInBytes;

  @Lob
  @Basic(fetch = FetchType.EAGER)
  @Column(name = "batch_data", nullable = false, length = TopicConfigKey.MAX_BATCH_BYTES)
  private byte[] data;

  protected StoredBatch() {}

  StoredBatch(long topicId, int partition, EncodedBatch batch) {
    this.topicId = topicId;
    this.partition = partition;
    this.baseOffset = batch.baseOffset();
    this.lastOffset = batch.lastOffset();
    this.firstTimestamp = batch.firstTimestamp();
    this.maxTimestamp = batch.maxTimestamp();
    this.recordCount = batch.recordCount();
    this.sizeInBytes = batch.bytes().length;
    this.data = batch.bytes();
  }

  long topicId() {
    return topicId;
  }

  int partition() {
    return partition;
  }

  long baseOffset() {
    return baseOffset;
  }

  byte[] data() {
    return data;
  }

  EncodedBatch toEncodedBatch() {
    return new EncodedBatch(
        baseOffset, lastOffset, firstTimestamp, maxTimestamp, recordCount, data);
  }

  /** The primary key: (topic id, partition, base offset). */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    private long topicId;
    private int partition;
    private long baseOffset;

    public Key() {}

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && topicId == key.topicId
          && partition == key.partition
          && baseOffset == key.baseOffset;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(topicId) * 31 * 31 + partition * 31 + Long.hashCode(baseOffset);
    }
  }
}
