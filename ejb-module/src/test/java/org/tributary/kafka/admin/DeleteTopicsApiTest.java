package org.tributary.kafka.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData.DeleteTopicState;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DeleteTopicsRequest;
import org.apache.kafka.common.requests.DeleteTopicsResponse;
import org.junit.jupiter.api.Test;

class DeleteTopicsApiTest {

  private final AdminApiFakes.Topics topics = new AdminApiFakes.Topics();
  private final DeleteTopicsApi api = new DeleteTopicsApi();

  DeleteTopicsApiTest() {
    api.topics = topics;
    api.caller = new AdminApiFakes.DirectCaller();
    topics.create("t", 1, Map.of());
  }

  @Test
  void byNameEachTopicIsDeletedOrUnknownAndAnIdIsAlwaysUnknown() {
    Uuid id = Uuid.randomUuid();
    DeleteTopicsRequestData data = new DeleteTopicsRequestData();
    data.topics().add(new DeleteTopicState().setName("t"));
    data.topics().add(new DeleteTopicState().setName("none"));
    data.topics().add(new DeleteTopicState().setName(null).setTopicId(id));
    DeleteTopicsRequest request = new DeleteTopicsRequest.Builder(data).build((short) 6);
    DeleteTopicsResponseData answered =
        ((DeleteTopicsResponse)
                api.handle(AdminApiFakes.request(request)).toCompletableFuture().join())
            .data();
    assertEquals(Errors.NONE.code(), answered.responses().find("t").errorCode());
    assertEquals(
        Errors.UNKNOWN_TOPIC_OR_PARTITION.code(), answered.responses().find("none").errorCode());
    var byId =
        answered.responses().stream().filter(r -> id.equals(r.topicId())).findFirst().orElseThrow();
    assertEquals(Errors.UNKNOWN_TOPIC_ID.code(), byId.errorCode());
    assertTrue(byId.errorMessage().contains("delete by name"), byId::errorMessage);
    assertTrue(topics.created.isEmpty());
  }
}
