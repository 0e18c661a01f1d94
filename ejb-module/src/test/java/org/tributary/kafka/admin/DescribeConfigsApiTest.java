package org.tributary.kafka.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeConfigsRequest;
import org.apache.kafka.common.requests.DescribeConfigsResponse;
import org.junit.jupiter.api.Test;
import org.tributary.kafka.KafkaSession;
import org.tributary.kafka.SignedInSessions;
import org.tributary.log.BrokerConfig;
import org.tributary.log.BrokerConfigs;
import org.tributary.security.Roles;

class DescribeConfigsApiTest {

  private final AdminApiFakes.Topics topics = new AdminApiFakes.Topics();
  private final DescribeConfigsApi api = new DescribeConfigsApi();

  DescribeConfigsApiTest() {
    api.topics = topics;
    api.brokers = new AdminApiFakes.OneBroker();
    api.brokerConfigs =
        new BrokerConfigs() {
          @Override
          public List<BrokerConfig> all() {
            return List.of(
                new BrokerConfig("num.partitions", "3", "1", BrokerConfig.STATIC_BROKER_CONFIG));
          }
        };
    topics.create("t", 1, Map.of("retention.ms", "5"));
  }

  private List<DescribeConfigsResult> describe(KafkaSession session, ConfigResource... resources) {
    DescribeConfigsRequestData data = new DescribeConfigsRequestData();
    for (ConfigResource resource : resources) {
      data.resources()
          .add(
              new DescribeConfigsResource()
                  .setResourceType(resource.type().id())
                  .setResourceName(resource.name())
                  .setConfigurationKeys(null));
    }
    DescribeConfigsRequest request = new DescribeConfigsRequest.Builder(data).build((short) 4);
    return ((DescribeConfigsResponse)
            api.handle(AdminApiFakes.request(request, session)).toCompletableFuture().join())
        .data()
        .results();
  }

  @Test
  void aViewerDescribesTopicsAndThisBroker() {
    List<DescribeConfigsResult> results =
        describe(
            SignedInSessions.as("v", Roles.VIEWER),
            new ConfigResource(ConfigResource.Type.TOPIC, "t"),
            new ConfigResource(ConfigResource.Type.BROKER, "0"));
    assertEquals(Errors.NONE.code(), results.get(0).errorCode());
    assertTrue(
        results.get(0).configs().stream()
            .anyMatch(c -> c.name().equals("retention.ms") && c.value().equals("5")));
    assertEquals(Errors.NONE.code(), results.get(1).errorCode());
    assertEquals("3", results.get(1).configs().get(0).value());
  }

  @Test
  void eachResourceHasItsOwnError() {
    List<DescribeConfigsResult> results =
        describe(
            SignedInSessions.as("a", Roles.ADMIN),
            new ConfigResource(ConfigResource.Type.TOPIC, "none"),
            new ConfigResource(ConfigResource.Type.BROKER, "7"),
            new ConfigResource(ConfigResource.Type.BROKER_LOGGER, "0"),
            new ConfigResource(ConfigResource.Type.TOPIC, "t"));
    assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION.code(), results.get(0).errorCode());
    assertEquals(Errors.INVALID_REQUEST.code(), results.get(1).errorCode());
    assertEquals(Errors.INVALID_REQUEST.code(), results.get(2).errorCode());
    assertTrue(results.get(2).errorMessage().contains("TOPIC and BROKER"));
    assertEquals(Errors.NONE.code(), results.get(3).errorCode());
  }

  @Test
  void withoutTheViewerRoleTopicAndClusterAuthorizationFail() {
    List<DescribeConfigsResult> results =
        describe(
            SignedInSessions.as("p", Roles.PRODUCER),
            new ConfigResource(ConfigResource.Type.TOPIC, "t"),
            new ConfigResource(ConfigResource.Type.BROKER, "0"));
    assertEquals(Errors.TOPIC_AUTHORIZATION_FAILED.code(), results.get(0).errorCode());
    assertEquals(Errors.CLUSTER_AUTHORIZATION_FAILED.code(), results.get(1).errorCode());
    assertTrue(results.get(0).configs().isEmpty());
  }
}
