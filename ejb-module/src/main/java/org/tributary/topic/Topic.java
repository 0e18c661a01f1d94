package org.tributary.topic;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ConstraintMode;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

/** A topic as stored: its name, how many partitions it has, and its config overrides. */
@Entity
@Table(name = "tributary_topic")
@NamedQuery(name = Topic.ALL, query = "SELECT t FROM Topic t")
@NamedQuery(name = Topic.BY_NAME, query = "SELECT t FROM Topic t WHERE t.name = :name")
public class Topic {

  static final String ALL = "Topic.all";
  static final String BY_NAME = "Topic.byName";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, unique = true, length = TopicName.MAX_LENGTH)
  private String name;

  @Column(name = "partition_count", nullable = false)
  private int partitionCount;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(
      name = "tributary_topic_config",
      joinColumns = @JoinColumn(name = "topic_id"),
      foreignKey = @ForeignKey(ConstraintMode.NO_CONSTRAINT))
  @MapKeyColumn(name = "config_key", length = 128)
  @Column(name = "config_value", length = 1024)
  private Map<String, String> configs = new HashMap<>();

  protected Topic() {}

  Topic(String name, int partitionCount, TopicConfig config, Instant createdAt) {
    this.name = TopicName.validate(name);
    this.partitionCount = requireValidPartitionCount(partitionCount);
    this.configs = new HashMap<>(config.overrides());
    this.createdAt = createdAt;
  }

  void addPartitions(int newCount) {
    partitionCount = requireGrowth(name, partitionCount, newCount);
  }

  /** A topic's new partition count: larger than its current one, and valid. */
  static int requireGrowth(String name, int partitionCount, int newCount) {
    if (newCount <= partitionCount) {
      throw new TributaryException(
          ErrorCode.INVALID_PARTITIONS,
          "Topic '"
              + name
              + "' has "
              + partitionCount
              + " partitions; the new count must be larger (partitions can grow, never shrink).");
    }
    return requireValidPartitionCount(newCount);
  }

  void changeConfig(TopicConfig config) {
    configs.clear();
    configs.putAll(config.overrides());
  }

  TopicMetadata metadata() {
    return new TopicMetadata(id, name, partitionCount, TopicConfig.of(configs), createdAt);
  }

  static int requireValidPartitionCount(int count) {
    if (count < 1 || count > TopicMetadata.MAX_PARTITIONS) {
      throw new TributaryException(
          ErrorCode.INVALID_PARTITIONS,
          "Number of partitions must be between 1 and "
              + TopicMetadata.MAX_PARTITIONS
              + ", was "
              + count
              + ".");
    }
    return count;
  }
}
