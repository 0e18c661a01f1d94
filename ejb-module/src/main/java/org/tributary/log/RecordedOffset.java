package org.tributary.log;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.io.Serializable;

/**
 * An offset that recovery needs and no stored batch tells, one row per partition (Kafka keeps such
 * offsets in checkpoint files): where a log starts ({@link LogStartOffset}) or ends ({@link
 * LogEndOffset}).
 */
@MappedSuperclass
public abstract class RecordedOffset {

  @Id
  @Column(name = "topic_id")
  private long topicId;

  @Id
  @Column(name = "partition_id")
  private int partition;

  /** Each entity names its own column. */
  private long offset;

  protected RecordedOffset() {}

  RecordedOffset(long topicId, int partition, long offset) {
    this.topicId = topicId;
    this.partition = partition;
    this.offset = offset;
  }

  /** The primary key: (topic id, partition). */
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
