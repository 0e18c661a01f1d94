package org.tributary.kafka.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsPartition;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsTopic;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsPartitionResult;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsTopicResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DeleteRecordsRequest;
import org.apache.kafka.common.requests.DeleteRecordsResponse;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.log.LogCleanup;

class DeleteRecordsApiTest {

  /** Every partition's high watermark is 10; a request is all or nothing, as the core's. */
  static final class Cleanup extends LogCleanup {
    final List<Map<Integer, Long>> calls = new ArrayList<>();

    @Override
    public Map<Integer, Long> deleteRecords(
        String topicName, Map<Integer, Long> beforeOffsets, String by) {
      calls.add(beforeOffsets);
      Map<Integer, Long> low = new LinkedHashMap<>();
      beforeOffsets.forEach(
          (partition, offset) -> {
            if (offset > 10 || offset < -1) {
              throw new TributaryException(ErrorCode.OFFSET_OUT_OF_RANGE, "beyond 10");
            }
            low.put(partition, offset == -1 ? 10 : offset);
          });
      return low;
    }
  }

  private final AdminApiFakes.Topics topics = new AdminApiFakes.Topics();
  private final Cleanup cleanup = new Cleanup();
  private final DeleteRecordsApi api = new DeleteRecordsApi();

  DeleteRecordsApiTest() {
    api.topics = topics;
    api.cleanup = cleanup;
    api.caller = new AdminApiFakes.DirectCaller();
    topics.create("t", 3, Map.of());
  }

  private Map<Integer, DeleteRecordsPartitionResult> delete(String topic, long... offsets) {
    DeleteRecordsTopic asked = new DeleteRecordsTopic().setName(topic);
    for (int p = 0; p < offsets.length; p++) {
      asked
          .partitions()
          .add(new DeleteRecordsPartition().setPartitionIndex(p).setOffset(offsets[p]));
    }
    DeleteRecordsRequestData data = new DeleteRecordsRequestData();
    data.topics().add(asked);
    DeleteRecordsRequest request = new DeleteRecordsRequest.Builder(data).build((short) 2);
    DeleteRecordsTopicResult result =
        ((DeleteRecordsResponse)
                api.handle(AdminApiFakes.request(request)).toCompletableFuture().join())
            .data()
            .topics()
            .find(topic);
    Map<Integer, DeleteRecordsPartitionResult> byPartition = new LinkedHashMap<>();
    result.partitions().forEach(p -> byPartition.put(p.partitionIndex(), p));
    return byPartition;
  }

  @Test
  void theHighWatermarkIsMinusOneAndEachPartitionAnswersItsLowWatermark() {
    Map<Integer, DeleteRecordsPartitionResult> answered = delete("t", 3, -1);
    assertEquals(3, answered.get(0).lowWatermark());
    assertEquals(10, answered.get(1).lowWatermark());
    assertEquals(1, cleanup.calls.size(), "one request moves its partitions together");
  }

  @Test
  void anOffsetBeyondTheHighWatermarkFailsOnlyItsOwnPartition() {
    Map<Integer, DeleteRecordsPartitionResult> answered = delete("t", 3, 99, 4);
    assertEquals(Errors.NONE.code(), answered.get(0).errorCode());
    assertEquals(3, answered.get(0).lowWatermark());
    assertEquals(Errors.OFFSET_OUT_OF_RANGE.code(), answered.get(1).errorCode());
    assertEquals(DeleteRecordsResponse.INVALID_LOW_WATERMARK, answered.get(1).lowWatermark());
    assertEquals(4, answered.get(2).lowWatermark());
  }

  @Test
  void anUnknownTopicOrPartitionIsAnsweredPerPartitionWithoutCallingTheCore() {
    assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION.code(), delete("none", 1).get(0).errorCode());
    Map<Integer, DeleteRecordsPartitionResult> answered = delete("t", 1, 1, 1, 1);
    assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION.code(), answered.get(3).errorCode());
    assertEquals(Errors.NONE.code(), answered.get(2).errorCode());
    assertEquals(List.of(Map.of(0, 1L, 1, 1L, 2, 1L)), cleanup.calls);
  }
}
