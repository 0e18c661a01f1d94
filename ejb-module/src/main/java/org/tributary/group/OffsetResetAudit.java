package org.tributary.group;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ConstraintMode;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An executed offset reset as recorded for the audit. */
@Entity
@Table(name = "tributary_offset_reset")
@NamedQuery(
    name = OffsetResetAudit.OF_GROUP,
    query = "SELECT r FROM OffsetResetAudit r WHERE r.groupId = :groupId ORDER BY r.id DESC")
@NamedQuery(
    name = OffsetResetAudit.ALL,
    query = "SELECT r FROM OffsetResetAudit r ORDER BY r.id DESC")
public class OffsetResetAudit {

  static final String OF_GROUP = "OffsetResetAudit.ofGroup";
  static final String ALL = "OffsetResetAudit.all";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "group_id", nullable = false, length = 255)
  private String groupId;

  @Column(name = "topic", nullable = false, length = 249)
  private String topic;

  @Column(name = "strategy", nullable = false, length = 32)
  private String strategy;

  @Column(name = "undoes_reset_id")
  private Long undoes;

  @Column(name = "executed_by", nullable = false, length = 255)
  private String executedBy;

  @Column(name = "executed_at", nullable = false)
  private Instant executedAt;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(
      name = "tributary_offset_reset_partition",
      joinColumns = @JoinColumn(name = "reset_id"),
      foreignKey = @ForeignKey(ConstraintMode.NO_CONSTRAINT))
  @OrderColumn(name = "position")
  private List<Row> partitions = new ArrayList<>();

  protected OffsetResetAudit() {}

  OffsetResetAudit(OffsetReset reset) {
    this.groupId = reset.groupId();
    this.topic = reset.topic();
    this.strategy = reset.strategy().label();
    this.undoes = reset.undoes();
    this.executedBy = reset.executedBy();
    this.executedAt = reset.executedAt();
    reset.partitions().forEach(p -> partitions.add(new Row(p)));
  }

  OffsetReset toOffsetReset() {
    return new OffsetReset(
        id,
        groupId,
        topic,
        OffsetResetScenario.parse(strategy),
        undoes,
        false,
        executedBy,
        executedAt,
        partitions.stream().map(row -> row.toPartitionReset(topic)).toList());
  }

  /** One partition's offsets before and after. */
  @Embeddable
  public static class Row {

    private static final long REMOVED = -1;

    @Column(name = "partition_id", nullable = false)
    private int partition;

    @Column(name = "offset_before")
    private Long before;

    /** {@link #REMOVED} when the reset removed the commit (an undo to "no committed offset"). */
    @Column(name = "offset_after", nullable = false)
    private long after;

    protected Row() {}

    Row(PartitionReset reset) {
      this.partition = reset.partition();
      this.before = reset.currentOffset();
      this.after = reset.newOffset() == null ? REMOVED : reset.newOffset();
    }

    PartitionReset toPartitionReset(String topic) {
      return new PartitionReset(topic, partition, before, after == REMOVED ? null : after);
    }
  }
}
