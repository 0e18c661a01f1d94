package org.tributary.log;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A partition's log start offset once retention or DeleteRecords moved it (Kafka keeps it in a
 * checkpoint file). Without a row the log starts at its lowest stored batch; with one, compaction
 * removing whole batches at the start of the log does not move it.
 */
@Entity
@Table(name = "tributary_log_start")
@IdClass(RecordedOffset.Key.class)
@AttributeOverride(name = "offset", column = @Column(name = "log_start_offset", nullable = false))
@NamedQuery(
    name = LogStartOffset.ALL,
    query =
        "SELECT NEW org.tributary.log.RecoveredOffset(s.topicId, s.partition, s.offset)"
            + " FROM LogStartOffset s")
@NamedQuery(
    name = LogStartOffset.DELETE_TOPIC,
    query = "DELETE FROM LogStartOffset s WHERE s.topicId = :topicId")
@NamedQuery(
    name = LogStartOffset.DELETE_ORPHANS,
    query = "DELETE FROM LogStartOffset s WHERE s.topicId NOT IN (SELECT t.id FROM Topic t)")
public class LogStartOffset extends RecordedOffset {

  static final String ALL = "LogStartOffset.all";
  static final String DELETE_TOPIC = "LogStartOffset.deleteTopic";
  static final String DELETE_ORPHANS = "LogStartOffset.deleteOrphans";

  protected LogStartOffset() {}

  LogStartOffset(long topicId, int partition, long offset) {
    super(topicId, partition, offset);
  }
}
