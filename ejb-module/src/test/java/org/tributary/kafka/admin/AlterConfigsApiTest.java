package org.tributary.kafka.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.AlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AlterConfigsRequest;
import org.apache.kafka.common.requests.AlterConfigsResponse;
import org.junit.jupiter.api.Test;
import org.tributary.kafka.KafkaSession;
import org.tributary.kafka.SignedInSessions;
import org.tributary.security.Roles;

/** AlterConfigs, which the stock Admin client of kafka-clients 4 no longer sends. */
class AlterConfigsApiTest {

  private final AdminApiFakes.Topics topics = new AdminApiFakes.Topics();
  private final AlterConfigsApi api = new AlterConfigsApi();

  AlterConfigsApiTest() {
    ConfigAlterations alterations = new ConfigAlterations();
    alterations.topics = topics;
    alterations.caller = new AdminApiFakes.DirectCaller();
    alterations.brokers = new AdminApiFakes.OneBroker();
    api.alterations = alterations;
    topics.create("t", 1, Map.of("retention.ms", "1000", "retention.bytes", "5"));
  }

  private AlterConfigsResourceResponse alter(
      KafkaSession session,
      ConfigResource.Type type,
      String name,
      boolean validateOnly,
      Map<String, String> configs) {
    AlterConfigsResource resource =
        new AlterConfigsResource().setResourceType(type.id()).setResourceName(name);
    configs.forEach(
        (key, value) -> resource.configs().add(new AlterableConfig().setName(key).setValue(value)));
    AlterConfigsRequestData data = new AlterConfigsRequestData().setValidateOnly(validateOnly);
    data.resources().add(resource);
    AlterConfigsRequest request = new AlterConfigsRequest(data, (short) 2);
    return ((AlterConfigsResponse)
            api.handle(AdminApiFakes.request(request, session)).toCompletableFuture().join())
        .data()
        .responses()
        .get(0);
  }

  private AlterConfigsResourceResponse alterAsAdmin(
      ConfigResource.Type type, String name, boolean validateOnly, Map<String, String> configs) {
    return alter(SignedInSessions.as("root", Roles.ADMIN), type, name, validateOnly, configs);
  }

  @Test
  void theGivenConfigsReplaceTheTopicsOwn() {
    AlterConfigsResourceResponse response =
        alterAsAdmin(ConfigResource.Type.TOPIC, "t", false, Map.of("max.message.bytes", "2000"));
    assertEquals(Errors.NONE.code(), response.errorCode(), response::errorMessage);
    assertEquals(Map.of("max.message.bytes", "2000"), topics.get("t").config().overrides());
  }

  @Test
  void validateOnlyChecksAndChangesNothing() {
    Map<String, String> before = topics.get("t").config().overrides();
    assertEquals(
        Errors.NONE.code(),
        alterAsAdmin(ConfigResource.Type.TOPIC, "t", true, Map.of("retention.ms", "1"))
            .errorCode());
    AlterConfigsResourceResponse bad =
        alterAsAdmin(ConfigResource.Type.TOPIC, "t", true, Map.of("retention.ms", "x"));
    assertEquals(Errors.INVALID_CONFIG.code(), bad.errorCode());
    assertEquals(before, topics.get("t").config().overrides());
  }

  @Test
  void anUnknownTopicOrABrokerConfigIsRefusedWithAReason() {
    assertEquals(
        Errors.UNKNOWN_TOPIC_OR_PARTITION.code(),
        alterAsAdmin(ConfigResource.Type.TOPIC, "none", false, Map.of("retention.ms", "1"))
            .errorCode());
    AlterConfigsResourceResponse broker =
        alterAsAdmin(ConfigResource.Type.BROKER, "0", false, Map.of("num.partitions", "2"));
    assertEquals(Errors.INVALID_REQUEST.code(), broker.errorCode());
    assertTrue(broker.errorMessage().contains("read-only"), broker::errorMessage);
    assertEquals(
        Errors.INVALID_REQUEST.code(),
        alterAsAdmin(ConfigResource.Type.BROKER_LOGGER, "0", false, Map.of("a", "b")).errorCode());
  }

  @Test
  void onlyAnAdminMayAlterWithKafkasAuthorizationErrorPerResourceType() {
    KafkaSession viewer = SignedInSessions.as("v", Roles.VIEWER);
    assertEquals(
        Errors.TOPIC_AUTHORIZATION_FAILED.code(),
        alter(viewer, ConfigResource.Type.TOPIC, "t", false, Map.of("retention.ms", "1"))
            .errorCode());
    assertEquals(
        Errors.CLUSTER_AUTHORIZATION_FAILED.code(),
        alter(viewer, ConfigResource.Type.BROKER, "0", false, Map.of("num.partitions", "1"))
            .errorCode());
    assertEquals("1000", topics.get("t").config().overrides().get("retention.ms"));
  }
}
