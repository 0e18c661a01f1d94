package org.tributary.kafka.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreatePartitionsResponseData.CreatePartitionsTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.CreatePartitionsRequest;
import org.apache.kafka.common.requests.CreatePartitionsResponse;
import org.tributary.kafka.KafkaApi;
import org.tributary.kafka.KafkaCaller;
import org.tributary.kafka.KafkaErrors;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;
import org.tributary.topic.TopicCatalog;

/**
 * CreatePartitions over {@link TopicCatalog#addPartitions} (REST v3's PATCH of a topic): the count
 * only grows (INVALID_PARTITIONS otherwise); with {@code validate_only} the same checks, nothing
 * changed. Replica assignments are refused: one broker holds every partition.
 */
@ApplicationScoped
public class CreatePartitionsApi implements KafkaApi {

  @Inject TopicCatalog topics;
  @Inject KafkaCaller caller;

  @Override
  public ApiKeys key() {
    return ApiKeys.CREATE_PARTITIONS;
  }

  @Override
  public short maxVersion() {
    return 3;
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
    CreatePartitionsRequestData asked = request.body(CreatePartitionsRequest.class).data();
    Map<String, Integer> counts =
        AdminRequests.countNames(asked.topics(), CreatePartitionsTopic::name);
    CreatePartitionsResponseData answered = new CreatePartitionsResponseData();
    for (CreatePartitionsTopic topic : asked.topics()) {
      if (counts.get(topic.name()) > 1) {
        if (answered.results().stream().noneMatch(r -> r.name().equals(topic.name()))) {
          answered
              .results()
              .add(
                  result(
                      topic.name(),
                      Errors.INVALID_REQUEST.exception(
                          "Topic '"
                              + topic.name()
                              + "' is listed more than once in the request.")));
        }
        continue;
      }
      answered
          .results()
          .add(caller.run(request, () -> createPartitions(topic, asked.validateOnly())));
    }
    return CompletableFuture.completedFuture(new CreatePartitionsResponse(answered));
  }

  private CreatePartitionsTopicResult createPartitions(
      CreatePartitionsTopic topic, boolean validateOnly) {
    if (topic.assignments() != null && !topic.assignments().isEmpty()) {
      return result(
          topic.name(),
          Errors.INVALID_REPLICA_ASSIGNMENT.exception(
              "Manual replica assignments are not supported: this cluster has one broker (0),"
                  + " which holds every partition. Give the count only."));
    }
    try {
      if (validateOnly) {
        topics.validateAddPartitions(topic.name(), topic.count());
      } else {
        topics.addPartitions(topic.name(), topic.count());
      }
      return result(topic.name(), null);
    } catch (RuntimeException e) {
      return result(topic.name(), KafkaErrors.toApiException(e));
    }
  }

  private static CreatePartitionsTopicResult result(String name, ApiException failure) {
    CreatePartitionsTopicResult result = new CreatePartitionsTopicResult().setName(name);
    if (failure == null) {
      return result.setErrorCode(Errors.NONE.code());
    }
    return result
        .setErrorCode(Errors.forException(failure).code())
        .setErrorMessage(failure.getMessage());
  }
}
