package org.tributary.kafka.group;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestPartition;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestTopic;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponsePartition;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.OffsetDeleteRequest;
import org.apache.kafka.common.requests.OffsetDeleteResponse;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.group.GroupDeletions;
import org.tributary.kafka.KafkaApi;
import org.tributary.kafka.KafkaCaller;
import org.tributary.kafka.KafkaErrors;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;
import org.tributary.security.Roles;

/**
 * OffsetDelete, admins only: {@link GroupDeletions#deleteOffsets} per topic. A topic that members
 * subscribe to, or that does not exist, fails its partitions; a group-wide refusal (an unknown
 * group) is the response's own error.
 */
@ApplicationScoped
public class OffsetDeleteApi implements KafkaApi {

  @Inject GroupDeletions deletions;
  @Inject KafkaCaller caller;

  @Override
  public ApiKeys key() {
    return ApiKeys.OFFSET_DELETE;
  }

  @Override
  public short maxVersion() {
    return 0;
  }

  @Override
  public Errors notWriterError() {
    return Errors.NOT_COORDINATOR;
  }

  @Override
  public boolean permits(KafkaSession session) {
    return session.hasAnyRole(Roles.ADMIN);
  }

  @Override
  public Errors authorizationError() {
    return Errors.GROUP_AUTHORIZATION_FAILED;
  }

  @Override
  public CompletionStage<AbstractResponse> handle(KafkaRequest request) {
    OffsetDeleteRequestData data = request.body(OffsetDeleteRequest.class).data();
    OffsetDeleteResponseData answer = new OffsetDeleteResponseData();
    for (OffsetDeleteRequestTopic topic : data.topics()) {
      List<Integer> partitions =
          topic.partitions().stream().map(OffsetDeleteRequestPartition::partitionIndex).toList();
      Errors error = Errors.NONE;
      try {
        caller.run(
            request, () -> deletions.deleteOffsets(data.groupId(), topic.name(), partitions));
      } catch (TributaryException e) {
        if (e.code() != ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC
            && e.code() != ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) {
          return CompletableFuture.completedFuture(
              new OffsetDeleteResponse(
                  new OffsetDeleteResponseData().setErrorCode(KafkaErrors.errorOf(e).code())));
        }
        error = KafkaErrors.errorOf(e);
      }
      OffsetDeleteResponseTopic answered = new OffsetDeleteResponseTopic().setName(topic.name());
      for (int partition : partitions) {
        answered
            .partitions()
            .add(
                new OffsetDeleteResponsePartition()
                    .setPartitionIndex(partition)
                    .setErrorCode(error.code()));
      }
      answer.topics().add(answered);
    }
    return CompletableFuture.completedFuture(new OffsetDeleteResponse(answer));
  }
}
