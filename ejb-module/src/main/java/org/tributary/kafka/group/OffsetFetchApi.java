package org.tributary.kafka.group;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopics;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseGroup;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartitions;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseTopics;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.OffsetFetchRequest;
import org.apache.kafka.common.requests.OffsetFetchResponse;
import org.tributary.group.OffsetAndMetadata;
import org.tributary.group.OffsetCommits;
import org.tributary.kafka.KafkaApi;
import org.tributary.kafka.KafkaErrors;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;
import org.tributary.security.Roles;
import org.tributary.topic.TopicPartition;

/**
 * OffsetFetch from the committed offsets every client and the console share. With {@code
 * require_stable} (every consumer sets it) a partition whose offset is being written (a commit,
 * reset or deletion in flight) is {@code UNSTABLE_OFFSET_COMMIT}, which consumers retry: a member
 * handed a partition never starts from the offset its previous owner is replacing. Versions up to
 * 9: v10 names topics by id.
 */
@ApplicationScoped
public class OffsetFetchApi implements KafkaApi {

  /** Tributary keeps no leader epochs with committed offsets. */
  private static final int NO_LEADER_EPOCH = -1;

  @Inject OffsetCommits commits;

  @Override
  public ApiKeys key() {
    return ApiKeys.OFFSET_FETCH;
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
    return session.hasAnyRole(Roles.CONSUMER, Roles.VIEWER);
  }

  @Override
  public Errors authorizationError() {
    return Errors.GROUP_AUTHORIZATION_FAILED;
  }

  @Override
  public CompletionStage<AbstractResponse> handle(KafkaRequest request) {
    OffsetFetchRequest fetch = request.body(OffsetFetchRequest.class);
    List<OffsetFetchResponseGroup> groups = new ArrayList<>();
    for (OffsetFetchRequestGroup group : fetch.groups()) {
      try {
        groups.add(fetch(group, fetch.requireStable()));
      } catch (RuntimeException e) {
        groups.add(
            OffsetFetchResponse.groupError(group, KafkaErrors.errorOf(e), request.version()));
      }
    }
    return CompletableFuture.completedFuture(
        new OffsetFetchResponse.Builder(groups).build(request.version()));
  }

  private OffsetFetchResponseGroup fetch(OffsetFetchRequestGroup group, boolean requireStable) {
    Map<TopicPartition, OffsetAndMetadata> committed = commits.committed(group.groupId());
    Map<String, List<Integer>> asked = new TreeMap<>();
    if (group.topics() == null) {
      committed
          .keySet()
          .forEach(
              p -> asked.computeIfAbsent(p.topic(), t -> new ArrayList<>()).add(p.partition()));
    } else {
      for (OffsetFetchRequestTopics topic : group.topics()) {
        asked
            .computeIfAbsent(topic.name(), t -> new ArrayList<>())
            .addAll(topic.partitionIndexes());
      }
    }
    List<TopicPartition> partitions = new ArrayList<>();
    asked.forEach(
        (topic, indexes) -> indexes.forEach(i -> partitions.add(new TopicPartition(topic, i))));
    Set<TopicPartition> unstable =
        requireStable ? commits.beingWritten(group.groupId(), partitions) : Set.of();
    OffsetFetchResponseGroup answer =
        new OffsetFetchResponseGroup().setGroupId(group.groupId()).setErrorCode(Errors.NONE.code());
    asked.forEach(
        (topic, indexes) -> {
          OffsetFetchResponseTopics answered = new OffsetFetchResponseTopics().setName(topic);
          for (int index : indexes) {
            TopicPartition partition = new TopicPartition(topic, index);
            OffsetAndMetadata commit =
                unstable.contains(partition) ? null : committed.get(partition);
            answered
                .partitions()
                .add(
                    new OffsetFetchResponsePartitions()
                        .setPartitionIndex(index)
                        .setCommittedOffset(
                            commit == null ? OffsetFetchResponse.INVALID_OFFSET : commit.offset())
                        .setCommittedLeaderEpoch(NO_LEADER_EPOCH)
                        .setMetadata(
                            commit == null || commit.metadata() == null
                                ? OffsetFetchResponse.NO_METADATA
                                : commit.metadata())
                        .setErrorCode(
                            unstable.contains(partition)
                                ? Errors.UNSTABLE_OFFSET_COMMIT.code()
                                : Errors.NONE.code()));
          }
          answer.topics().add(answered);
        });
    return answer;
  }
}
