package org.tributary.kafka.metadata;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
import org.tributary.kafka.KafkaCaller;
import org.tributary.kafka.KafkaConfig;
import org.tributary.kafka.KafkaErrors;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.ListenerAddress;
import org.tributary.log.BrokerConfigs;
import org.tributary.security.Roles;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicMetadata;

/**
 * Metadata: this server is the only broker, the controller, and the leader (and only in-sync
 * replica) of every partition. Topics have no UUID in Tributary, so topic ids are the zero UUID and
 * the APIs that need them (Produce v13, Fetch v13+) are not served. A producer or admin asking for
 * an unknown topic creates it when {@code auto.create.topics.enable} is on, as Kafka does.
 */
@ApplicationScoped
public class MetadataApi implements KafkaApi {

  static final int NODE = BrokerConfigs.BROKER_ID;

  @Inject TopicCatalog topics;
  @Inject KafkaConfig config;
  @Inject KafkaCaller caller;

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
    MetadataResponseTopicCollection answered = new MetadataResponseTopicCollection();
    if (asked.topics() == null) {
      topics.list().forEach(topic -> answered.add(describe(topic)));
    } else {
      for (MetadataRequestData.MetadataRequestTopic topic : asked.topics()) {
        answered.add(lookUp(request, topic.name(), mayCreate));
      }
    }
    ListenerAddress advertised = config.advertised();
    MetadataResponseBrokerCollection brokers = new MetadataResponseBrokerCollection();
    brokers.add(
        new MetadataResponseBroker()
            .setNodeId(NODE)
            .setHost(advertised.host())
            .setPort(advertised.port()));
    return CompletableFuture.completedFuture(
        new MetadataResponse(
            new MetadataResponseData()
                .setBrokers(brokers)
                .setClusterId(config.clusterId())
                .setControllerId(NODE)
                .setTopics(answered),
            request.version()));
  }

  private MetadataResponseTopic lookUp(KafkaRequest request, String name, boolean mayCreate) {
    try {
      TopicMetadata topic =
          mayCreate ? caller.run(request, () -> topics.getForProduce(name)) : topics.get(name);
      return describe(topic);
    } catch (RuntimeException e) {
      return new MetadataResponseTopic()
          .setName(name)
          .setTopicId(Uuid.ZERO_UUID)
          .setErrorCode(KafkaErrors.errorOf(e).code());
    }
  }

  static MetadataResponseTopic describe(TopicMetadata topic) {
    MetadataResponseTopic described =
        new MetadataResponseTopic()
            .setName(topic.name())
            .setTopicId(Uuid.ZERO_UUID)
            .setErrorCode(Errors.NONE.code());
    for (int p = 0; p < topic.partitions(); p++) {
      described
          .partitions()
          .add(
              new MetadataResponsePartition()
                  .setPartitionIndex(p)
                  .setLeaderId(NODE)
                  .setLeaderEpoch(0)
                  .setReplicaNodes(List.of(NODE))
                  .setIsrNodes(List.of(NODE))
                  .setOfflineReplicas(List.of()));
    }
    return described;
  }
}
