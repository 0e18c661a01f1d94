package org.tributary.kafka.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.message.DeleteTopicsRequestData.DeleteTopicState;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsResponseData.DeletableTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DeleteTopicsRequest;
import org.apache.kafka.common.requests.DeleteTopicsResponse;
import org.tributary.kafka.KafkaApi;
import org.tributary.kafka.KafkaCaller;
import org.tributary.kafka.KafkaErrors;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;
import org.tributary.topic.TopicCatalog;

/**
 * DeleteTopics over {@link TopicCatalog#delete}, as REST v3 deletes a topic (its records and
 * committed offsets go too). v6 may name a topic by id; Tributary's topics have none (Metadata
 * answers the zero UUID), so every id is unknown: UNKNOWN_TOPIC_ID for that entry, as Kafka answers
 * an id it does not know.
 */
@ApplicationScoped
public class DeleteTopicsApi implements KafkaApi {

  @Inject TopicCatalog topics;
  @Inject KafkaCaller caller;

  @Override
  public ApiKeys key() {
    return ApiKeys.DELETE_TOPICS;
  }

  @Override
  public short maxVersion() {
    return 6;
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
    DeleteTopicsResponseData answered = new DeleteTopicsResponseData();
    for (DeleteTopicState topic : request.body(DeleteTopicsRequest.class).topics()) {
      if (topic.name() == null) {
        answered
            .responses()
            .add(
                new DeletableTopicResult()
                    .setTopicId(topic.topicId())
                    .setErrorCode(Errors.UNKNOWN_TOPIC_ID.code())
                    .setErrorMessage(
                        "Topic id "
                            + topic.topicId()
                            + " is unknown: Tributary's topics have no ids; delete by name."));
      } else if (answered.responses().find(topic.name()) == null) {
        answered.responses().add(caller.run(request, () -> delete(topic.name())));
      }
    }
    return CompletableFuture.completedFuture(new DeleteTopicsResponse(answered));
  }

  private DeletableTopicResult delete(String name) {
    DeletableTopicResult result =
        new DeletableTopicResult().setName(name).setTopicId(Uuid.ZERO_UUID);
    try {
      topics.delete(name);
      return result.setErrorCode(Errors.NONE.code());
    } catch (RuntimeException e) {
      ApiException failure = KafkaErrors.toApiException(e);
      return result
          .setErrorCode(Errors.forException(failure).code())
          .setErrorMessage(failure.getMessage());
    }
  }
}
