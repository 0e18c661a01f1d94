package org.tributary.kafka.group;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.List;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.FindCoordinatorRequest;
import org.apache.kafka.common.requests.FindCoordinatorRequest.CoordinatorType;
import org.apache.kafka.common.requests.FindCoordinatorResponse;
import org.apache.kafka.common.requests.JoinGroupResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.group.ClassicJoinResult;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;
import org.tributary.topic.TopicPartition;

/** The group APIs' responses at every version served, written and read back as a client would. */
class GroupResponsesTest {

  private static AbstractResponse roundTrip(ApiKeys api, AbstractResponse response, short v) {
    return AbstractResponse.parseResponse(
        api, MessageUtil.toByteBufferAccessor(response.data(), v), v);
  }

  @Test
  void joinGroupResponsesEncodeAtEveryVersion() {
    ClassicJoinResult required =
        new ClassicJoinResult(ErrorCode.MEMBER_ID_REQUIRED, "m-1", -1, null, null, "", List.of());
    ClassicJoinResult leader =
        new ClassicJoinResult(
            null,
            "m-1",
            3,
            "consumer",
            "range",
            "m-1",
            List.of(new ClassicJoinResult.Joined("m-1", null, new byte[] {1, 2})));
    for (short v = 0; v <= 9; v++) {
      JoinGroupResponse first =
          (JoinGroupResponse) roundTrip(ApiKeys.JOIN_GROUP, JoinGroupApi.response(required, v), v);
      assertEquals(Errors.MEMBER_ID_REQUIRED, first.error(), "v" + v);
      assertEquals("m-1", first.data().memberId(), "v" + v);
      JoinGroupResponse joined =
          (JoinGroupResponse) roundTrip(ApiKeys.JOIN_GROUP, JoinGroupApi.response(leader, v), v);
      assertEquals(3, joined.data().generationId(), "v" + v);
      assertEquals("range", joined.data().protocolName(), "v" + v);
      assertEquals(1, joined.data().members().size(), "v" + v);
    }
  }

  @Test
  void aTransactionCoordinatorIsRefusedAsUnsupportedWithTheReasonAtEveryVersion() {
    FindCoordinatorApi api = new FindCoordinatorApi();
    for (short v = 1; v <= 6; v++) {
      FindCoordinatorRequestData data =
          new FindCoordinatorRequestData().setKeyType(CoordinatorType.TRANSACTION.id());
      if (v >= FindCoordinatorRequest.MIN_BATCHED_VERSION) {
        data.setCoordinatorKeys(List.of("tx"));
      } else {
        data.setKey("tx");
      }
      KafkaRequest request =
          new KafkaRequest(
              new RequestHeader(ApiKeys.FIND_COORDINATOR, v, "client", 1),
              new FindCoordinatorRequest.Builder(data).build(v),
              new KafkaSession("c", new InetSocketAddress("127.0.0.1", 5000)));
      AbstractResponse answer = api.handle(request).toCompletableFuture().join();
      FindCoordinatorResponse read =
          (FindCoordinatorResponse) roundTrip(ApiKeys.FIND_COORDINATOR, answer, v);
      assertEquals(Errors.UNSUPPORTED_VERSION.code(), read.coordinators().get(0).errorCode());
      assertEquals(
          FindCoordinatorApi.NO_TRANSACTIONS, read.coordinators().get(0).errorMessage(), "v" + v);
    }
  }

  @Test
  void consumerProtocolBytesRoundTrip() {
    List<TopicPartition> partitions =
        List.of(new TopicPartition("orders", 0), new TopicPartition("orders", 2));
    assertEquals(
        partitions,
        ConsumerProtocolBytes.assignment(
            "consumer", ConsumerProtocolBytes.assignmentBytes(partitions)));
    assertEquals(List.of(), ConsumerProtocolBytes.assignment("connect", new byte[] {1}));
    assertEquals(List.of(), ConsumerProtocolBytes.assignment("consumer", new byte[] {9, 9, 9}));
  }
}
