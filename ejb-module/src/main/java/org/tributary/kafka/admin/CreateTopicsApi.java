package org.tributary.kafka.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicConfigs;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;
import org.tributary.kafka.KafkaApi;
import org.tributary.kafka.KafkaCaller;
import org.tributary.kafka.KafkaErrors;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicConfig;

/**
 * CreateTopics over {@link TopicCatalog#create} (with {@code validate_only}, {@link
 * TopicCatalog#validateCreate}), as REST v3 creates topics: one broker, so the replication factor
 * is 1 (or -1, the default) and replica assignments are refused. Topic ids do not exist in
 * Tributary: v7's is the zero UUID, as Metadata's.
 */
@ApplicationScoped
public class CreateTopicsApi implements KafkaApi {

  @Inject TopicCatalog topics;
  @Inject KafkaCaller caller;

  @Override
  public ApiKeys key() {
    return ApiKeys.CREATE_TOPICS;
  }

  @Override
  public short maxVersion() {
    return 7;
  }

  @Override
  public Errors notWriterError() {
    return Errors.NOT_CONTROLLER;
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
    CreateTopicsRequestData asked = request.body(CreateTopicsRequest.class).data();
    Map<String, Integer> counts = AdminRequests.countNames(asked.topics(), CreatableTopic::name);
    CreateTopicsResponseData answered = new CreateTopicsResponseData();
    for (CreatableTopic topic : asked.topics()) {
      if (answered.topics().find(topic.name()) != null) {
        continue;
      }
      CreatableTopicResult result;
      if (counts.get(topic.name()) > 1) {
        result =
            error(
                topic.name(),
                Errors.INVALID_REQUEST,
                "Topic '" + topic.name() + "' is listed more than once in the request.");
      } else {
        result = caller.run(request, () -> create(topic, asked.validateOnly()));
      }
      answered.topics().add(result);
    }
    return CompletableFuture.completedFuture(new CreateTopicsResponse(answered));
  }

  private CreatableTopicResult create(CreatableTopic topic, boolean validateOnly) {
    String name = topic.name();
    if (!topic.assignments().isEmpty()) {
      return error(
          name,
          Errors.INVALID_REPLICA_ASSIGNMENT,
          "Manual replica assignments are not supported: this cluster has one broker (0), which"
              + " holds every partition. Give num_partitions instead.");
    }
    if (topic.replicationFactor() != -1 && topic.replicationFactor() != 1) {
      return error(
          name,
          Errors.INVALID_REPLICATION_FACTOR,
          "Replication factor must be 1 (or -1 for the default): this cluster has one broker, was "
              + topic.replicationFactor()
              + ".");
    }
    Map<String, String> configs = new LinkedHashMap<>();
    for (CreatableTopicConfig config : topic.configs()) {
      if (config.value() == null) {
        return error(
            name,
            Errors.INVALID_CONFIG,
            "Null value not supported for topic config '" + config.name() + "'.");
      }
      configs.put(config.name(), config.value());
    }
    int partitions =
        topic.numPartitions() == -1 ? topics.defaultPartitions() : topic.numPartitions();
    try {
      TopicConfig config =
          validateOnly
              ? topics.validateCreate(name, partitions, configs)
              : topics.create(name, partitions, configs).config();
      return created(name, partitions, config);
    } catch (RuntimeException e) {
      return error(name, KafkaErrors.toApiException(e));
    }
  }

  private static CreatableTopicResult created(String name, int partitions, TopicConfig config) {
    CreatableTopicResult result =
        new CreatableTopicResult()
            .setName(name)
            .setTopicId(Uuid.ZERO_UUID)
            .setErrorCode(Errors.NONE.code())
            .setNumPartitions(partitions)
            .setReplicationFactor((short) 1);
    for (DescribeConfigsResourceResult entry :
        ConfigDescriptions.topic(config, null, false, false)) {
      result
          .configs()
          .add(
              new CreatableTopicConfigs()
                  .setName(entry.name())
                  .setValue(entry.value())
                  .setReadOnly(entry.readOnly())
                  .setConfigSource(entry.configSource())
                  .setIsSensitive(entry.isSensitive()));
    }
    return result;
  }

  private static CreatableTopicResult error(String name, Errors error, String message) {
    return error(name, error.exception(message));
  }

  private static CreatableTopicResult error(
      String name, org.apache.kafka.common.errors.ApiException failure) {
    return new CreatableTopicResult()
        .setName(name)
        .setTopicId(Uuid.ZERO_UUID)
        .setErrorCode(Errors.forException(failure).code())
        .setErrorMessage(failure.getMessage())
        .setConfigs(null);
  }
}
