package org.tributary.log;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;

/**
 * A partition's log start offset once retention or DeleteRecords moved it (Kafka keeps it in a
 * checkpoint file). Without a row the log starts at its lowest stored batch; with one, compaction
 * removing whole batches at the start of the log does not move it.
 */
@Entity
@Table(name = "tributary_log_start")
@IdClass(LogStartOffset.Key.class)
@NamedQuery(
    name = LogStartOffset.ALL,
    query = "SELECT s.topicId, s.partition, s.offset FROM LogStartOffset s")
@NamedQuery(
    name = LogStartOffset.DELETE_TOPIC,
    query = "DELETE FROM LogStartOffset s WHERE s.topicId = :topicId")
@NamedQuery(
    name = LogStartOffset.DELETE_ORPHANS,
    query = "DELETE FROM LogStartOffset s WHERE s.topicId NOT IN (SELECT t.id FROM Topic t)")
public class LogStartOffset {

  static final String ALL = "LogStartOffset.all";
  static final String DELETE_TOPIC = "LogStartOffset.deleteTopic";
  static final String DELETE_ORPHANS = "LogStartOffset.deleteOrphans";

  @Id
  @Column(name = "topic_id")
  private long topicId;

  @Id
  @Column(name = "partition_id")
  private int partition;

  @Column(name = "log_start_offset", nullable = false)
  private long offset;

  protected LogStartOffset() {}

  LogStartOffset(long topicId, int partition, long offset) {
    this.topicId = topicId;
    this.partition = partition;
    this.offset = offset;
  }

  /** The primary key: (topic id, partition); {@link LogEndOffset} shares it. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    private long topicId;
    private int partition;

    public Key() {}

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && topicId == key.topicId && partition == key.partition;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(topicId) * 31 + partition;
    }
  }
}
