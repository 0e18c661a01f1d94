package org.tributary.group;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A group's committed offset for one partition, as stored. */
@Entity
@Table(name = "tributary_committed_offset")
@IdClass(CommittedOffset.Key.class)
@NamedQuery(
    name = CommittedOffset.OF_GROUP,
    query = "SELECT c FROM CommittedOffset c WHERE c.groupId = :groupId")
@NamedQuery(name = CommittedOffset.ALL, query = "SELECT c FROM CommittedOffset c")
@NamedQuery(
    name = CommittedOffset.GROUP_IDS,
    query = "SELECT DISTINCT c.groupId FROM CommittedOffset c")
@NamedQuery(
    name = CommittedOffset.DELETE_ORPHANS,
    query = "DELETE FROM CommittedOffset c WHERE c.topic NOT IN (SELECT t.name FROM Topic t)")
@NamedQuery(
    name = CommittedOffset.DELETE_TOPIC,
    query = "DELETE FROM CommittedOffset c WHERE c.topic = :topic")
@NamedQuery(
    name = CommittedOffset.DELETE_PARTITION,
    query =
        "DELETE FROM CommittedOffset c WHERE c.groupId = :groupId AND c.topic = :topic"
            + " AND c.partition = :partition")
public class CommittedOffset {

  static final String OF_GROUP = "CommittedOffset.ofGroup";
  static final String GROUP_IDS = "CommittedOffset.groupIds";
  static final String ALL = "CommittedOffset.all";
  static final String DELETE_TOPIC = "CommittedOffset.deleteTopic";
  static final String DELETE_ORPHANS = "CommittedOffset.deleteOrphans";
  static final String DELETE_PARTITION = "CommittedOffset.deletePartition";

  @Id
  @Column(name = "group_id", length = 255)
  private String groupId;

  @Id
  @Column(name = "topic", length = 249)
  private String topic;

  @Id
  @Column(name = "partition_id")
  private int partition;

  @Column(name = "committed_offset", nullable = false)
  private long offset;

  @Column(name = "metadata", length = OffsetCommits.MAX_METADATA_LENGTH)
  private String metadata;

  @Column(name = "commit_time", nullable = false)
  private Instant commitTime;

  protected CommittedOffset() {}

  CommittedOffset(String groupId, String topic, int partition, OffsetAndMetadata committed) {
    this.groupId = groupId;
    this.topic = topic;
    this.partition = partition;
    this.offset = committed.offset();
    this.metadata = committed.metadata();
    this.commitTime = committed.commitTime();
  }

  String groupId() {
    return groupId;
  }

  String topic() {
    return topic;
  }

  int partition() {
    return partition;
  }

  OffsetAndMetadata toOffsetAndMetadata() {
    return new OffsetAndMetadata(offset, metadata, commitTime);
  }

  /** The primary key: (group, topic, partition). */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    private String groupId;
    private String topic;
    private int partition;

    public Key() {}

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && Objects.equals(groupId, key.groupId)
          && Objects.equals(topic, key.topic)
          && partition == key.partition;
    }

    @Override
    public int hashCode() {
      return Objects.hash(groupId, topic, partition);
    }
  }
}
