package org.tributary.kafka.metadata;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseBroker;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseBrokerCollection;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponsePartition;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopicCollection;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.tributary.kafka.KafkaApi;
import org.tributary.kafka.KafkaBrokers;
import org.tributary.kafka.KafkaCaller;
import org.tributary.kafka.KafkaConfig;
import org.tributary.kafka.KafkaErrors;
import org.tributary.kafka.KafkaRequest;
import org.tributary.security.Roles;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicMetadata;

/**
 * Metadata: every live server is a broker; the writer is the controller and the leader (and only
 * in-sync replica) of every partition, and while there is none the partitions answer
 * LEADER_NOT_AVAILABLE, which clients retry. Topics have no UUID in Tributary, so topic ids are the
 * zero UUID and the APIs that need them (Produce v13, Fetch v13+) are not served. A producer or
 * admin asking for an unknown topic creates it when {@code auto.create.topics.enable} is on, as
 * Kafka does.
 */
@ApplicationScoped
public class MetadataApi implements KafkaApi {

  @Inject TopicCatalog topics;
  @Inject KafkaConfig config;
  @Inject KafkaCaller caller;
  @Inject KafkaBrokers brokers;

  @Override
  public ApiKeys key() {
    return ApiKeys.METADATA;
  }

  @Override
  public short maxVersion() {
    return 12;
  }

  @Override
  public CompletionStage<AbstractResponse> handle(KafkaRequest request) {
    MetadataRequestData asked = request.body(MetadataRequest.class).data();
    boolean mayCreate =
        asked.allowAutoTopicCreation() && request.session().hasAnyRole(Roles.PRODUCER, Roles.ADMIN);
    KafkaBrokers.Cluster cluster = brokers.current();
    Optional<Node> leader = cluster.writer();
    MetadataResponseTopicCollection answered = new MetadataResponseTopicCollection();
    if (asked.topics() == null) {
      topics.list().forEach(topic -> answered.add(describe(topic, leader)));
    } else {
      for (MetadataRequestData.MetadataRequestTopic topic : asked.topics()) {
        answered.add(lookUp(request, topic.name(), mayCreate, leader));
      }
    }
    MetadataResponseBrokerCollection listed = new MetadataResponseBrokerCollection();
    for (Node broker : cluster.brokers()) {
      listed.add(
          new MetadataResponseBroker()
              .setNodeId(broker.id())
              .setHost(broker.host())
              .setPort(broker.port()));
    }
    return CompletableFuture.completedFuture(
        new MetadataResponse(
            new MetadataResponseData()
                .setBrokers(listed)
                .setClusterId(config.clusterId())
                .setControllerId(cluster.controller())
                .setTopics(answered),
            request.version()));
  }

  private MetadataResponseTopic lookUp(
      KafkaRequest request, String name, boolean mayCreate, Optional<Node> leader) {
    try {
      TopicMetadata topic =
          mayCreate ? caller.run(request, () -> topics.getForProduce(name)) : topics.get(name);
      return describe(topic, leader);
    } catch (RuntimeException e) {
      return new MetadataResponseTopic()
          .setName(name)
          .setTopicId(Uuid.ZERO_UUID)
          .setErrorCode(KafkaErrors.errorOf(e).code());
    }
  }

  static MetadataResponseTopic describe(TopicMetadata topic, Optional<Node> leader) {
    MetadataResponseTopic described =
        new MetadataResponseTopic()
            .setName(topic.name())
            .setTopicId(Uuid.ZERO_UUID)
            .setErrorCode(Errors.NONE.code());
    List<Integer> replicas = leader.map(node -> List.of(node.id())).orElse(List.of());
    for (int p = 0; p < topic.partitions(); p++) {
      described
          .partitions()
          .add(
              new MetadataResponsePartition()
                  .setPartitionIndex(p)
                  .setErrorCode(
                      leader.isPresent() ? Errors.NONE.code() : Errors.LEADER_NOT_AVAILABLE.code())
                  .setLeaderId(leader.map(Node::id).orElse(-1))
                  .setLeaderEpoch(0)
                  .setReplicaNodes(replicas)
                  .setIsrNodes(replicas)
                  .setOfflineReplicas(List.of()));
    }
    return described;
  }
}
