package org.tributary.redrive;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A record of a dead-letter topic that was sent back to its topic. Its key (the dead-letter topic's
 * id, so a topic deleted and created again starts afresh, its partition and the offset) makes a
 * second redrive of the same record fail to insert, whoever tries it at the same time.
 */
@Entity
@Table(name = "tributary_redriven_record")
@IdClass(RedrivenRecord.Key.class)
public class RedrivenRecord {

  @Id
  @Column(name = "dlt_topic_id")
  private long deadLetterTopicId;

  @Id
  @Column(name = "partition_id")
  private int partition;

  @Id
  @Column(name = "record_offset")
  private long offset;

  @Column(name = "dlt_topic", nullable = false, length = 249)
  private String deadLetterTopic;

  @Column(name = "target_topic", nullable = false, length = 249)
  private String targetTopic;

  @Column(name = "target_partition", nullable = false)
  private int targetPartition;

  @Column(name = "target_offset", nullable = false)
  private long targetOffset;

  @Column(name = "redriven_by", nullable = false, length = 255)
  private String redrivenBy;

  @Column(name = "redriven_at", nullable = false)
  private Instant redrivenAt;

  protected RedrivenRecord() {}

  RedrivenRecord(
      long deadLetterTopicId,
      String deadLetterTopic,
      int partition,
      long offset,
      RedriveResult sent,
      String redrivenBy,
      Instant redrivenAt) {
    this.deadLetterTopicId = deadLetterTopicId;
    this.deadLetterTopic = deadLetterTopic;
    this.partition = partition;
    this.offset = offset;
    this.targetTopic = sent.targetTopic();
    this.targetPartition = sent.targetPartition();
    this.targetOffset = sent.targetOffset();
    this.redrivenBy = redrivenBy;
    this.redrivenAt = redrivenAt;
  }

  /** Why this record is not sent again. */
  String alreadyRedriven() {
    return "already redriven to "
        + targetTopic
        + " (partition "
        + targetPartition
        + ", offset "
        + targetOffset
        + ") by "
        + redrivenBy
        + " at "
        + redrivenAt;
  }

  /** The key of a redriven record. */
  public static class Key implements Serializable {

    private static final long serialVersionUID = 1L;

    private long deadLetterTopicId;
    private int partition;
    private long offset;

    public Key() {}

    Key(long deadLetterTopicId, int partition, long offset) {
      this.deadLetterTopicId = deadLetterTopicId;
      this.partition = partition;
      this.offset = offset;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && key.deadLetterTopicId == deadLetterTopicId
          && key.partition == partition
          && key.offset == offset;
    }

    @Override
    public int hashCode() {
      return Objects.hash(deadLetterTopicId, partition, offset);
    }
  }
}
