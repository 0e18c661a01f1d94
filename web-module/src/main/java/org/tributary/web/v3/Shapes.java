package org.tributary.web.v3;

import jakarta.json.JsonValue;
import java.util.List;

/**
 * REST Proxy v3 resource shapes: every resource has a {@code kind}, {@code metadata} with its own
 * URL, and the {@code cluster_id}; related resources are links; lists wrap their items in {@code
 * data}.
 */
public final class Shapes {

  private Shapes() {}

  public record Related(String related) {}

  public record ResourceMetadata(String self, String resourceName) {}

  public record ListMetadata(String self, String next) {}

  public record ResourceList<T>(String kind, ListMetadata metadata, List<T> data) {}

  public record Cluster(
      String kind,
      ResourceMetadata metadata,
      String clusterId,
      Related controller,
      Related acls,
      Related brokers,
      Related brokerConfigs,
      Related consumerGroups,
      Related topics,
      Related partitionReassignments) {}

  public record Topic(
      String kind,
      ResourceMetadata metadata,
      String clusterId,
      String topicName,
      boolean isInternal,
      int replicationFactor,
      int partitionsCount,
      Related partitions,
      Related configs,
      Related partitionReassignments,
      List<String> authorizedOperations,
      TopicLog log) {}

  /**
   * Tributary extension of a topic: its stored log per partition and the last cleaning runs since
   * the broker started ({@code null}: none).
   */
  public record TopicLog(
      long sizeBytes,
      List<PartitionLog> partitions,
      CleaningRun lastRetention,
      CleaningRun lastCompaction,
      CleaningRun lastDeleteRecords) {}

  public record PartitionLog(
      int partitionId, long logStartOffset, long highWatermark, long sizeBytes) {}

  /** What one retention run, compaction run or DeleteRecords removed from a topic. */
  public record CleaningRun(
      String finishedAt,
      long tookMs,
      long batchesRemoved,
      long batchesRewritten,
      long recordsRemoved,
      long bytesRemoved,
      String by) {}

  public record ConfigSynonym(String name, String value, String source) {}

  public record TopicConfig(
      String kind,
      ResourceMetadata metadata,
      String clusterId,
      String topicName,
      String name,
      String value,
      boolean isDefault,
      boolean isReadOnly,
      boolean isSensitive,
      String source,
      List<ConfigSynonym> synonyms) {}

  public record Partition(
      String kind,
      ResourceMetadata metadata,
      String clusterId,
      String topicName,
      int partitionId,
      Related leader,
      Related replicas,
      Related reassignment,
      long earliestOffset,
      long latestOffset,
      long sizeBytes) {}

  /** Kafka-rest's {@code KafkaPartitionWithOffsets}: a partition's earliest and latest offsets. */
  public record PartitionWithOffsets(
      String kind,
      ResourceMetadata metadata,
      String clusterId,
      String topicName,
      int partitionId,
      long earliestOffset,
      long latestOffset) {}

  public record Broker(
      String kind,
      ResourceMetadata metadata,
      String clusterId,
      int brokerId,
      String host,
      Integer port,
      String rack,
      Related configs,
      Related partitionReplicas) {}

  /** A broker config; {@code brokerId} is null in the cluster-wide list ({@code config_type}). */
  public record BrokerConfig(
      String kind,
      ResourceMetadata metadata,
      String clusterId,
      Integer brokerId,
      String configType,
      String name,
      String value,
      boolean isDefault,
      boolean isReadOnly,
      boolean isSensitive,
      String source,
      List<ConfigSynonym> synonyms) {}

  public record Replica(
      String kind,
      ResourceMetadata metadata,
      String clusterId,
      String topicName,
      int partitionId,
      int brokerId,
      boolean isLeader,
      boolean isInSync,
      Related broker) {}

  public record Reassignment(
      String kind,
      ResourceMetadata metadata,
      String clusterId,
      String topicName,
      int partitionId,
      List<Integer> addingReplicas,
      List<Integer> removingReplicas,
      Related replicas) {}

  public record ConsumerGroup(
      String kind,
      ResourceMetadata metadata,
      String clusterId,
      String consumerGroupId,
      boolean isSimple,
      String partitionAssignor,
      String state,
      Related coordinator,
      Related consumers,
      Related lagSummary) {}

  public record Consumer(
      String kind,
      ResourceMetadata metadata,
      String clusterId,
      String consumerGroupId,
      String consumerId,
      String instanceId,
      String clientId,
      Related assignments) {}

  public record ConsumerAssignment(
      String kind,
      ResourceMetadata metadata,
      String clusterId,
      String consumerGroupId,
      String consumerId,
      String topicName,
      int partitionId,
      Related partition,
      Related lag) {}

  public record ConsumerLag(
      String kind,
      ResourceMetadata metadata,
      String clusterId,
      String consumerGroupId,
      String topicName,
      int partitionId,
      Long currentOffset,
      long logEndOffset,
      long lag,
      String consumerId,
      String instanceId,
      String clientId) {}

  public record LagSummary(
      String kind,
      ResourceMetadata metadata,
      String clusterId,
      String consumerGroupId,
      String maxLagConsumerId,
      String maxLagInstanceId,
      String maxLagClientId,
      String maxLagTopicName,
      Integer maxLagPartitionId,
      long maxLag,
      long totalLag,
      Related maxLagConsumer,
      Related maxLagPartition) {}

  public record PartitionReset(
      String topicName, int partitionId, Long currentOffset, Long newOffset) {}

  public record OffsetReset(
      String kind,
      ResourceMetadata metadata,
      String clusterId,
      String consumerGroupId,
      Long resetId,
      String topicName,
      String strategy,
      Long undoesResetId,
      boolean dryRun,
      String executedBy,
      String executedAt,
      List<PartitionReset> partitions) {}

  /** Tributary extension: a partition's log start offset (low watermark) after DeleteRecords. */
  public record DeletedRecords(
      String kind,
      String clusterId,
      String topicName,
      int partitionId,
      long lowWatermark,
      Related partition) {}

  /** Tributary extension: a committed offset that OffsetDelete (or DeleteGroups) removed. */
  public record DeletedOffset(
      String kind,
      String clusterId,
      String consumerGroupId,
      String topicName,
      int partitionId,
      long offset) {}

  public record DataSize(String type, long size) {}

  public record Delivered(
      int errorCode,
      String clusterId,
      String topicName,
      int partitionId,
      long offset,
      String timestamp,
      DataSize key,
      DataSize value) {}

  /** One entry of a {@code records:batch} produce that was appended. */
  public record BatchSuccess(
      String id,
      String clusterId,
      String topicName,
      int partitionId,
      long offset,
      String timestamp,
      DataSize key,
      DataSize value) {}

  /** One entry of a {@code records:batch} produce that was refused, and why. */
  public record BatchFailure(String id, int errorCode, String message) {}

  public record BatchResults(List<BatchSuccess> successes, List<BatchFailure> failures) {}

  /** Tributary extension: the recent clients, with the broker's rates over the last minute. */
  public record ClientList(
      String kind, ListMetadata metadata, String clusterId, Rates rates, List<Client> data) {}

  public record Rates(
      double producedRecordsPerSecond,
      double producedBytesPerSecond,
      double consumedRecordsPerSecond,
      double consumedBytesPerSecond) {}

  public record Client(
      String kind,
      String who,
      String principal,
      String clientId,
      String address,
      String group,
      List<String> topics,
      String lastActivity,
      double recordsPerSecond,
      double bytesPerSecond,
      long totalRecords) {}

  /** Tributary extension: a user who may sign in; never the password or its hash. */
  public record User(
      String kind,
      ResourceMetadata metadata,
      String clusterId,
      String userName,
      List<String> roles,
      boolean mustChangePassword,
      String createdAt,
      String passwordChangedAt) {}

  /** One entry of the audit trail; {@code before} and {@code after} are JSON, null if none. */
  public record AuditEntry(
      String kind,
      String clusterId,
      long id,
      String time,
      String action,
      String actor,
      String origin,
      String topicName,
      String consumerGroupId,
      String userName,
      JsonValue before,
      JsonValue after) {}
}
