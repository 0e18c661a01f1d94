package org.tributary.log;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * Where a partition's log ends when its last offsets are a gap (a send rolled back, a commit
 * failed) that no stored batch follows. The next offset is recovered from the newest batch, the log
 * start and this, never from what clients sent, so after a restart the log neither moves backwards
 * nor hands out an offset a consumer has already passed.
 */
@Entity
@Table(name = "tributary_log_end")
@IdClass(RecordedOffset.Key.class)
@AttributeOverride(name = "offset", column = @Column(name = "log_end_offset", nullable = false))
@NamedQuery(
    name = LogEndOffset.ALL,
    query =
        "SELECT NEW org.tributary.log.RecoveredOffset(e.topicId, e.partition, e.offset)"
            + " FROM LogEndOffset e")
@NamedQuery(
    name = LogEndOffset.DELETE_TOPIC,
    query = "DELETE FROM LogEndOffset e WHERE e.topicId = :topicId")
@NamedQuery(
    name = LogEndOffset.DELETE_ORPHANS,
    query = "DELETE FROM LogEndOffset e WHERE e.topicId NOT IN (SELECT t.id FROM Topic t)")
public class LogEndOffset extends RecordedOffset {

  static final String ALL = "LogEndOffset.all";
  static final String DELETE_TOPIC = "LogEndOffset.deleteTopic";
  static final String DELETE_ORPHANS = "LogEndOffset.deleteOrphans";

  protected LogEndOffset() {}

  LogEndOffset(long topicId, int partition, long offset) {
    super(topicId, partition, offset);
  }
}
