package org.tributary.kafka.fetch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsTopicResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ListOffsetsRequest;
import org.apache.kafka.common.requests.ListOffsetsResponse;
import org.tributary.kafka.KafkaApi;
import org.tributary.kafka.KafkaErrors;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;
import org.tributary.log.PartitionLogs;
import org.tributary.log.PartitionOffsets;
import org.tributary.log.TimestampAndOffset;
import org.tributary.security.Roles;

/**
 * ListOffsets (Kafka's {@code ReplicaManager.fetchOffset}), versions 1 to 11, none of which names
 * topics by id. Earliest is the log start; latest the last stable offset, which is all a consumer
 * may read whatever its isolation level; max timestamp and a timestamp are looked up among the
 * records below it. Tributary keeps no tiered storage: earliest-local is the log start, latest
 * tiered and earliest pending upload are unknown (-1), as Kafka answers them then. Leader epochs
 * are never reported (-1): stored batches carry none. Whoever may read a partition's offsets over
 * HTTP may list them.
 */
@ApplicationScoped
public class ListOffsetsApi implements KafkaApi {

  /**
   * The first version serving each special timestamp (Kafka's {@code
   * timestampMinSupportedVersion}).
   */
  private static final Map<Long, Short> FIRST_VERSION =
      Map.of(
          ListOffsetsRequest.EARLIEST_TIMESTAMP, (short) 1,
          ListOffsetsRequest.LATEST_TIMESTAMP, (short) 1,
          ListOffsetsRequest.MAX_TIMESTAMP, (short) 7,
          ListOffsetsRequest.EARLIEST_LOCAL_TIMESTAMP, (short) 8,
          ListOffsetsRequest.LATEST_TIERED_TIMESTAMP, (short) 9,
          ListOffsetsRequest.EARLIEST_PENDING_UPLOAD_TIMESTAMP, (short) 11);

  @Inject PartitionLogs logs;

  public ListOffsetsApi() {}

  ListOffsetsApi(PartitionLogs logs) {
    this.logs = logs;
  }

  @Override
  public ApiKeys key() {
    return ApiKeys.LIST_OFFSETS;
  }

  @Override
  public short maxVersion() {
    return 11;
  }

  @Override
  public Errors notWriterError() {
    return Errors.NOT_LEADER_OR_FOLLOWER;
  }

  @Override
  public boolean permits(KafkaSession session) {
    return session.hasAnyRole(Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER);
  }

  @Override
  public Errors authorizationError() {
    return Errors.TOPIC_AUTHORIZATION_FAILED;
  }

  @Override
  public CompletionStage<AbstractResponse> handle(KafkaRequest request) {
    ListOffsetsRequest asked = request.body(ListOffsetsRequest.class);
    Set<TopicPartition> duplicates = asked.duplicatePartitions();
    List<ListOffsetsTopicResponse> topics = new ArrayList<>();
    for (ListOffsetsTopic topic : asked.topics()) {
      List<ListOffsetsPartitionResponse> partitions = new ArrayList<>();
      for (ListOffsetsPartition partition : topic.partitions()) {
        Errors refusal =
            duplicates.contains(new TopicPartition(topic.name(), partition.partitionIndex()))
                ? Errors.INVALID_REQUEST
                : unsupported(partition.timestamp(), request.version())
                    ? Errors.UNSUPPORTED_VERSION
                    : Errors.NONE;
        partitions.add(
            refusal == Errors.NONE
                ? lookUp(topic.name(), partition)
                : unknown(partition.partitionIndex(), refusal));
      }
      topics.add(new ListOffsetsTopicResponse().setName(topic.name()).setPartitions(partitions));
    }
    return CompletableFuture.completedFuture(
        new ListOffsetsResponse(new ListOffsetsResponseData().setTopics(topics)));
  }

  static boolean unsupported(long timestamp, short version) {
    return timestamp < 0
        && (!FIRST_VERSION.containsKey(timestamp) || version < FIRST_VERSION.get(timestamp));
  }

  private ListOffsetsPartitionResponse lookUp(String topic, ListOffsetsPartition asked) {
    int partition = asked.partitionIndex();
    try {
      Optional<TimestampAndOffset> found = find(topic, partition, asked.timestamp());
      return found
          .map(
              at ->
                  new ListOffsetsPartitionResponse()
                      .setPartitionIndex(partition)
                      .setErrorCode(Errors.NONE.code())
                      .setTimestamp(at.timestamp())
                      .setOffset(at.offset())
                      .setLeaderEpoch(ListOffsetsResponse.UNKNOWN_EPOCH))
          .orElseGet(() -> unknown(partition, Errors.NONE));
    } catch (RuntimeException e) {
      return unknown(partition, KafkaErrors.errorOf(e));
    }
  }

  private Optional<TimestampAndOffset> find(String topic, int partition, long timestamp) {
    if (timestamp == ListOffsetsRequest.EARLIEST_TIMESTAMP
        || timestamp == ListOffsetsRequest.EARLIEST_LOCAL_TIMESTAMP) {
      PartitionOffsets offsets = logs.offsets(topic, partition);
      return Optional.of(
          new TimestampAndOffset(ListOffsetsResponse.UNKNOWN_TIMESTAMP, offsets.logStartOffset()));
    }
    if (timestamp == ListOffsetsRequest.LATEST_TIMESTAMP) {
      PartitionOffsets offsets = logs.offsets(topic, partition);
      return Optional.of(
          new TimestampAndOffset(
              ListOffsetsResponse.UNKNOWN_TIMESTAMP, offsets.lastStableOffset()));
    }
    if (timestamp == ListOffsetsRequest.MAX_TIMESTAMP) {
      return logs.maxTimestampAndOffset(topic, partition);
    }
    if (timestamp < 0) {
      logs.offsets(
          topic, partition); // latest tiered, earliest pending upload: the partition exists
      return Optional.empty();
    }
    return logs.timestampAndOffset(topic, partition, timestamp);
  }

  private static ListOffsetsPartitionResponse unknown(int partition, Errors error) {
    return new ListOffsetsPartitionResponse()
        .setPartitionIndex(partition)
        .setErrorCode(error.code())
        .setTimestamp(ListOffsetsResponse.UNKNOWN_TIMESTAMP)
        .setOffset(ListOffsetsResponse.UNKNOWN_OFFSET)
        .setLeaderEpoch(ListOffsetsResponse.UNKNOWN_EPOCH);
  }
}
