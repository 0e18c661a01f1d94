package org.tributary.kafka.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DescribeConfigsRequest;
import org.apache.kafka.common.requests.DescribeConfigsResponse;
import org.tributary.kafka.KafkaApi;
import org.tributary.kafka.KafkaBrokers;
import org.tributary.kafka.KafkaErrors;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;
import org.tributary.log.BrokerConfigs;
import org.tributary.topic.TopicCatalog;

/**
 * DescribeConfigs of topics and of the broker, the configs REST v3 shows under {@code
 * topics/{t}/configs} and {@code brokers/0/configs}. The BROKER resource with the empty name is
 * Kafka's cluster-wide dynamic defaults: none, since every broker config is a start-up setting.
 * Viewers and admins may describe; others get TOPIC_ or CLUSTER_AUTHORIZATION_FAILED per resource,
 * as Kafka.
 */
@ApplicationScoped
public class DescribeConfigsApi implements KafkaApi {

  @Inject TopicCatalog topics;
  @Inject BrokerConfigs brokerConfigs;
  @Inject KafkaBrokers brokers;

  @Override
  public ApiKeys key() {
    return ApiKeys.DESCRIBE_CONFIGS;
  }

  @Override
  public short maxVersion() {
    return 4;
  }

  @Override
  public CompletionStage<AbstractResponse> handle(KafkaRequest request) {
    DescribeConfigsRequestData asked = request.body(DescribeConfigsRequest.class).data();
    DescribeConfigsResponseData answered = new DescribeConfigsResponseData();
    for (DescribeConfigsResource resource : asked.resources()) {
      DescribeConfigsResult result =
          new DescribeConfigsResult()
              .setResourceType(resource.resourceType())
              .setResourceName(resource.resourceName());
      try {
        result
            .setErrorCode(Errors.NONE.code())
            .setConfigs(
                describe(
                    request.session(),
                    resource,
                    asked.includeSynonyms(),
                    asked.includeDocumentation()));
      } catch (RuntimeException e) {
        ApiException failure = KafkaErrors.toApiException(e);
        result
            .setErrorCode(Errors.forException(failure).code())
            .setErrorMessage(failure.getMessage());
      }
      answered.results().add(result);
    }
    return CompletableFuture.completedFuture(new DescribeConfigsResponse(answered));
  }

  private List<DescribeConfigsResourceResult> describe(
      KafkaSession session,
      DescribeConfigsResource resource,
      boolean synonyms,
      boolean documentation) {
    ConfigResource.Type type = ConfigResource.Type.forId(resource.resourceType());
    String name = resource.resourceName();
    switch (type) {
      case TOPIC -> {
        if (!AdminAccess.mayDescribe(session)) {
          throw Errors.TOPIC_AUTHORIZATION_FAILED.exception(
              "User '"
                  + session.userName()
                  + "' may not describe topic configs: it takes the"
                  + " viewer or admin role.");
        }
        return ConfigDescriptions.topic(
            topics.get(name).config(), resource.configurationKeys(), synonyms, documentation);
      }
      case BROKER -> {
        if (!AdminAccess.mayDescribe(session)) {
          throw Errors.CLUSTER_AUTHORIZATION_FAILED.exception(
              "User '"
                  + session.userName()
                  + "' may not describe broker configs: it takes the"
                  + " viewer or admin role.");
        }
        BrokerResource.require(name, brokers.self());
        if (BrokerResource.isClusterDefault(name)) {
          // Kafka answers the cluster-wide dynamic defaults here; Tributary has no dynamic config.
          return List.of();
        }
        return ConfigDescriptions.broker(
            brokerConfigs.all(), resource.configurationKeys(), synonyms, documentation);
      }
      default ->
          throw Errors.INVALID_REQUEST.exception(
              "Configs of "
                  + type
                  + " resources are not served: Tributary has TOPIC and BROKER"
                  + " configs.");
    }
  }
}
