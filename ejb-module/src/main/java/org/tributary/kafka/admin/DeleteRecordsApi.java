package org.tributary.kafka.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsPartition;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsTopic;
import org.apache.kafka.common.message.DeleteRecordsResponseData;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsPartitionResult;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DeleteRecordsRequest;
import org.apache.kafka.common.requests.DeleteRecordsResponse;
import org.tributary.kafka.KafkaApi;
import org.tributary.kafka.KafkaCaller;
import org.tributary.kafka.KafkaErrors;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;
import org.tributary.log.LogCleanup;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicMetadata;

/**
 * DeleteRecords over {@link LogCleanup#deleteRecords}, as REST v3's {@code records:delete}: offset
 * -1 ({@link DeleteRecordsRequest#HIGH_WATERMARK}) is the high watermark, beyond it is
 * OFFSET_OUT_OF_RANGE, a compact-only topic is POLICY_VIOLATION; each partition answers its new log
 * start (low watermark). The core moves a topic's listed partitions together, all or none; so that
 * one partition's bad offset does not fail the others, as Kafka answers per partition, a topic
 * refused for an offset out of range is retried partition by partition.
 */
@ApplicationScoped
public class DeleteRecordsApi implements KafkaApi {

  @Inject TopicCatalog topics;
  @Inject LogCleanup cleanup;
  @Inject KafkaCaller caller;

  @Override
  public ApiKeys key() {
    return ApiKeys.DELETE_RECORDS;
  }

  @Override
  public short maxVersion() {
    return 2;
  }

  @Override
  public Errors notWriterError() {
    return Errors.NOT_LEADER_OR_FOLLOWER;
  }

  @Override
  public boolean permits(KafkaSession session) {
    return AdminAccess.mayChange(session);
  }

  @Override
  public Errors authorizationError() {
    return Errors.TOPIC_AUTHORIZATION_FAILED;
  }

  @Override
  public CompletionStage<AbstractResponse> handle(KafkaRequest request) {
    String by = request.session().userName() + "@" + request.session().address() + " (Kafka)";
    DeleteRecordsResponseData answered = new DeleteRecordsResponseData();
    for (DeleteRecordsTopic topic : request.body(DeleteRecordsRequest.class).data().topics()) {
      DeleteRecordsTopicResult result = new DeleteRecordsTopicResult().setName(topic.name());
      Map<Integer, Long> offsets = new LinkedHashMap<>();
      TopicMetadata known = topics.find(topic.name()).orElse(null);
      for (DeleteRecordsPartition partition : topic.partitions()) {
        if (known == null || !known.hasPartition(partition.partitionIndex())) {
          result
              .partitions()
              .add(failed(partition.partitionIndex(), Errors.UNKNOWN_TOPIC_OR_PARTITION));
        } else {
          offsets.put(partition.partitionIndex(), partition.offset());
        }
      }
      if (!offsets.isEmpty()) {
        caller.run(request, () -> delete(topic.name(), offsets, by, result));
      }
      answered.topics().add(result);
    }
    return CompletableFuture.completedFuture(new DeleteRecordsResponse(answered));
  }

  private Void delete(
      String topic, Map<Integer, Long> offsets, String by, DeleteRecordsTopicResult result) {
    try {
      cleanup
          .deleteRecords(topic, offsets, by)
          .forEach(
              (partition, lowWatermark) ->
                  result
                      .partitions()
                      .add(
                          new DeleteRecordsPartitionResult()
                              .setPartitionIndex(partition)
                              .setLowWatermark(lowWatermark)
                              .setErrorCode(Errors.NONE.code())));
    } catch (RuntimeException e) {
      Errors error = KafkaErrors.errorOf(e);
      if (error == Errors.OFFSET_OUT_OF_RANGE && offsets.size() > 1) {
        offsets.forEach(
            (partition, offset) -> delete(topic, Map.of(partition, offset), by, result));
      } else {
        offsets.keySet().forEach(partition -> result.partitions().add(failed(partition, error)));
      }
    }
    return null;
  }

  private static DeleteRecordsPartitionResult failed(int partition, Errors error) {
    return new DeleteRecordsPartitionResult()
        .setPartitionIndex(partition)
        .setLowWatermark(DeleteRecordsResponse.INVALID_LOW_WATERMARK)
        .setErrorCode(error.code());
  }
}
