package org.tributary.kafka.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableReplicaAssignment;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.junit.jupiter.api.Test;

class CreateTopicsApiTest {

  private final AdminApiFakes.Topics topics = new AdminApiFakes.Topics();
  private final CreateTopicsApi api = new CreateTopicsApi();

  CreateTopicsApiTest() {
    api.topics = topics;
    api.caller = new AdminApiFakes.DirectCaller();
  }

  private CreateTopicsResponseData create(boolean validateOnly, CreatableTopic... asked) {
    CreateTopicsRequestData data = new CreateTopicsRequestData().setValidateOnly(validateOnly);
    for (CreatableTopic topic : asked) {
      data.topics().add(topic);
    }
    CreateTopicsRequest request = new CreateTopicsRequest.Builder(data).build((short) 7);
    return ((CreateTopicsResponse)
            api.handle(AdminApiFakes.request(request)).toCompletableFuture().join())
        .data();
  }

  private static CreatableTopic topic(String name, int partitions, int replicationFactor) {
    return new CreatableTopic()
        .setName(name)
        .setNumPartitions(partitions)
        .setReplicationFactor((short) replicationFactor);
  }

  @Test
  void defaultsAreNumPartitionsAndOneReplicaAndTheResponseCarriesTheConfigs() {
    CreatableTopic asked = topic("t", -1, -1);
    asked.configs().add(new CreatableTopicConfig().setName("retention.ms").setValue("5"));
    CreatableTopicResult result = create(false, asked).topics().find("t");
    assertEquals(Errors.NONE.code(), result.errorCode());
    assertEquals(3, result.numPartitions());
    assertEquals(1, result.replicationFactor());
    assertEquals(3, topics.get("t").partitions());
    var retention =
        result.configs().stream().filter(c -> c.name().equals("retention.ms")).findFirst().get();
    assertEquals("5", retention.value());
    assertEquals(ConfigSource.TOPIC_CONFIG.id(), retention.configSource());
  }

  @Test
  void validateOnlyChecksAndCreatesNothing() {
    CreatableTopicResult result = create(true, topic("t", 2, 1)).topics().find("t");
    assertEquals(Errors.NONE.code(), result.errorCode());
    assertEquals(2, result.numPartitions());
    assertTrue(topics.created.isEmpty());
  }

  @Test
  void anotherReplicationFactorOrAnAssignmentIsRefusedWithAReason() {
    CreatableTopicResult factor = create(false, topic("t", 1, 3)).topics().find("t");
    assertEquals(Errors.INVALID_REPLICATION_FACTOR.code(), factor.errorCode());
    assertTrue(factor.errorMessage().contains("one broker"), factor::errorMessage);
    assertNull(factor.configs());

    CreatableTopic assigned = topic("u", -1, -1);
    assigned
        .assignments()
        .add(new CreatableReplicaAssignment().setPartitionIndex(0).setBrokerIds(List.of(0)));
    CreatableTopicResult refused = create(false, assigned).topics().find("u");
    assertEquals(Errors.INVALID_REPLICA_ASSIGNMENT.code(), refused.errorCode());
    assertTrue(topics.created.isEmpty());
  }

  @Test
  void eachTopicHasItsOwnOutcome() {
    topics.create("old", 1, java.util.Map.of());
    CreatableTopic badConfig = topic("conf", 1, 1);
    badConfig.configs().add(new CreatableTopicConfig().setName("retention.ms").setValue("x"));
    CreateTopicsResponseData answered =
        create(false, topic("old", 1, 1), topic("bad/name", 1, 1), badConfig, topic("new", 1, 1));
    assertEquals(Errors.TOPIC_ALREADY_EXISTS.code(), answered.topics().find("old").errorCode());
    assertEquals(
        Errors.INVALID_TOPIC_EXCEPTION.code(), answered.topics().find("bad/name").errorCode());
    assertEquals(Errors.INVALID_CONFIG.code(), answered.topics().find("conf").errorCode());
    assertEquals(Errors.NONE.code(), answered.topics().find("new").errorCode());
  }

  @Test
  void aTopicListedTwiceIsAnInvalidRequestOnce() {
    CreateTopicsResponseData answered = create(false, topic("t", 1, 1), topic("t", 2, 1));
    assertEquals(1, answered.topics().size());
    assertEquals(Errors.INVALID_REQUEST.code(), answered.topics().find("t").errorCode());
    assertTrue(topics.created.isEmpty());
  }
}
