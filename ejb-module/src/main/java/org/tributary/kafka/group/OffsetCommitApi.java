package org.tributary.kafka.group;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponsePartition;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.OffsetCommitRequest;
import org.apache.kafka.common.requests.OffsetCommitResponse;
import org.tributary.errors.TributaryException;
import org.tributary.group.OffsetAndMetadata;
import org.tributary.group.OffsetCommits;
import org.tributary.kafka.KafkaApi;
import org.tributary.kafka.KafkaErrors;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;
import org.tributary.security.Roles;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicMetadata;
import org.tributary.topic.TopicPartition;

/**
 * OffsetCommit into the same committed offsets REST consumers and the console use ({@link
 * OffsetCommits}), fenced by the group's generation. Partitions of unknown topics are refused one
 * by one; the rest are committed together, or refused together with the group's error. Versions up
 * to 9: v10 names topics by id, which Tributary's topics do not have.
 */
@ApplicationScoped
public class OffsetCommitApi implements KafkaApi {

  @Inject OffsetCommits commits;
  @Inject TopicCatalog topics;
  private final Clock clock = Clock.systemUTC();

  @Override
  public ApiKeys key() {
    return ApiKeys.OFFSET_COMMIT;
  }

  @Override
  public short maxVersion() {
    return 9;
  }

  @Override
  public Errors notWriterError() {
    return Errors.NOT_COORDINATOR;
  }

  @Override
  public boolean permits(KafkaSession session) {
    return session.hasAnyRole(Roles.CONSUMER);
  }

  @Override
  public Errors authorizationError() {
    return Errors.GROUP_AUTHORIZATION_FAILED;
  }

  @Override
  public CompletionStage<AbstractResponse> handle(KafkaRequest request) {
    OffsetCommitRequestData data = request.body(OffsetCommitRequest.class).data();
    Instant now = clock.instant();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    Map<TopicPartition, Errors> errors = new HashMap<>();
    for (OffsetCommitRequestTopic topic : data.topics()) {
      Optional<TopicMetadata> known = topics.find(topic.name());
      for (OffsetCommitRequestPartition partition : topic.partitions()) {
        TopicPartition key = new TopicPartition(topic.name(), partition.partitionIndex());
        if (known.isEmpty() || !known.get().hasPartition(partition.partitionIndex())) {
          errors.put(key, Errors.UNKNOWN_TOPIC_OR_PARTITION);
        } else {
          offsets.put(
              key,
              new OffsetAndMetadata(
                  partition.committedOffset(),
                  partition.committedMetadata() == null ? "" : partition.committedMetadata(),
                  now));
        }
      }
    }
    if (!offsets.isEmpty()) {
      Errors outcome = Errors.NONE;
      try {
        commits.commit(data.groupId(), data.memberId(), data.generationIdOrMemberEpoch(), offsets);
      } catch (TributaryException refused) {
        outcome = KafkaErrors.errorOf(refused);
      }
      for (TopicPartition partition : offsets.keySet()) {
        errors.put(partition, outcome);
      }
    }
    OffsetCommitResponseData answer = new OffsetCommitResponseData();
    for (OffsetCommitRequestTopic topic : data.topics()) {
      OffsetCommitResponseTopic answered = new OffsetCommitResponseTopic().setName(topic.name());
      for (OffsetCommitRequestPartition partition : topic.partitions()) {
        answered
            .partitions()
            .add(
                new OffsetCommitResponsePartition()
                    .setPartitionIndex(partition.partitionIndex())
                    .setErrorCode(
                        errors
                            .get(new TopicPartition(topic.name(), partition.partitionIndex()))
                            .code()));
      }
      answer.topics().add(answered);
    }
    return CompletableFuture.completedFuture(new OffsetCommitResponse(answer));
  }
}
