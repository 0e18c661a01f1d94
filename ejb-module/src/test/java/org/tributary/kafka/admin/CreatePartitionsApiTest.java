package org.tributary.kafka.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsAssignment;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import org.apache.kafka.common.message.CreatePartitionsResponseData.CreatePartitionsTopicResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.CreatePartitionsRequest;
import org.apache.kafka.common.requests.CreatePartitionsResponse;
import org.junit.jupiter.api.Test;

class CreatePartitionsApiTest {

  private final AdminApiFakes.Topics topics = new AdminApiFakes.Topics();
  private final CreatePartitionsApi api = new CreatePartitionsApi();

  CreatePartitionsApiTest() {
    api.topics = topics;
    api.caller = new AdminApiFakes.DirectCaller();
    topics.create("t", 2, Map.of());
  }

  private List<CreatePartitionsTopicResult> grow(
      boolean validateOnly, CreatePartitionsTopic... asked) {
    CreatePartitionsRequestData data =
        new CreatePartitionsRequestData().setValidateOnly(validateOnly);
    for (CreatePartitionsTopic topic : asked) {
      data.topics().add(topic);
    }
    CreatePartitionsRequest request = new CreatePartitionsRequest.Builder(data).build((short) 3);
    return ((CreatePartitionsResponse)
            api.handle(AdminApiFakes.request(request)).toCompletableFuture().join())
        .data()
        .results();
  }

  private static CreatePartitionsTopic topic(String name, int count) {
    return new CreatePartitionsTopic().setName(name).setCount(count).setAssignments(null);
  }

  @Test
  void growsOrValidatesOnly() {
    assertEquals(Errors.NONE.code(), grow(true, topic("t", 5)).get(0).errorCode());
    assertEquals(2, topics.get("t").partitions());
    assertEquals(Errors.NONE.code(), grow(false, topic("t", 5)).get(0).errorCode());
    assertEquals(5, topics.get("t").partitions());
  }

  @Test
  void aDecreaseAnUnknownTopicOrAnAssignmentIsRefusedForThatTopicOnly() {
    CreatePartitionsTopic assigned = topic("t", 4);
    assigned.setAssignments(List.of(new CreatePartitionsAssignment().setBrokerIds(List.of(0))));
    List<CreatePartitionsTopicResult> results = grow(false, assigned);
    assertEquals(Errors.INVALID_REPLICA_ASSIGNMENT.code(), results.get(0).errorCode());
    assertTrue(results.get(0).errorMessage().contains("one broker"));

    topics.create("u", 1, Map.of());
    results = grow(false, topic("t", 1), topic("none", 3), topic("u", 2));
    assertEquals(Errors.INVALID_PARTITIONS.code(), results.get(0).errorCode());
    assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION.code(), results.get(1).errorCode());
    assertEquals(Errors.NONE.code(), results.get(2).errorCode());
    assertEquals(2, topics.get("t").partitions());
    assertEquals(2, topics.get("u").partitions());
  }

  @Test
  void aTopicListedTwiceIsAnInvalidRequestOnce() {
    List<CreatePartitionsTopicResult> results = grow(false, topic("t", 3), topic("t", 4));
    assertEquals(1, results.size());
    assertEquals(Errors.INVALID_REQUEST.code(), results.get(0).errorCode());
    assertEquals(2, topics.get("t").partitions());
  }
}
