package org.tributary.kafka.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ListOffsetsRequest;
import org.apache.kafka.common.requests.ListOffsetsResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.Test;
import org.tributary.errors.TributaryException;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.SignedInSessions;
import org.tributary.log.PartitionLogs;
import org.tributary.log.PartitionOffsets;
import org.tributary.log.TimestampAndOffset;
import org.tributary.security.Roles;

class ListOffsetsApiTest {

  /** Topic "t", one partition: log start 3, last stable offset 9; timestamps 1000 + offset. */
  private final PartitionLogs logs =
      new PartitionLogs() {
        @Override
        public PartitionOffsets offsets(String topic, int partition) {
          requireKnown(topic, partition);
          return new PartitionOffsets(partition, 3, 9);
        }

        @Override
        public Optional<TimestampAndOffset> maxTimestampAndOffset(String topic, int partition) {
          requireKnown(topic, partition);
          return Optional.of(new TimestampAndOffset(1_008, 8));
        }

        @Override
        public Optional<TimestampAndOffset> timestampAndOffset(
            String topic, int partition, long timestamp) {
          requireKnown(topic, partition);
          long offset = Math.max(3, timestamp - 1_000);
          return offset < 9
              ? Optional.of(new TimestampAndOffset(1_000 + offset, offset))
              : Optional.empty();
        }

        private void requireKnown(String topic, int partition) {
          if (!topic.equals("t") || partition != 0) {
            throw TributaryException.unknownTopic(topic);
          }
        }
      };

  private final ListOffsetsApi api = new ListOffsetsApi(logs);

  private List<ListOffsetsPartitionResponse> list(short version, long... timestamps) {
    List<ListOffsetsPartition> partitions = new ArrayList<>();
    for (long timestamp : timestamps) {
      partitions.add(new ListOffsetsPartition().setPartitionIndex(0).setTimestamp(timestamp));
    }
    List<ListOffsetsTopic> topics = new ArrayList<>();
    for (ListOffsetsPartition partition : partitions) {
      topics.add(new ListOffsetsTopic().setName("t").setPartitions(List.of(partition)));
    }
    ListOffsetsRequest request =
        ListOffsetsRequest.Builder.forConsumer(
                false,
                version >= 2 ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED)
            .setTargetTimes(topics)
            .build(version);
    ListOffsetsResponse response =
        (ListOffsetsResponse)
            api.handle(
                    new KafkaRequest(
                        new RequestHeader(ApiKeys.LIST_OFFSETS, version, "client", 1),
                        request,
                        SignedInSessions.withRoles(Roles.CONSUMER)))
                .toCompletableFuture()
                .join();
    return response.topics().stream().flatMap(topic -> topic.partitions().stream()).toList();
  }

  private static ListOffsetsPartitionResponse only(List<ListOffsetsPartitionResponse> answered) {
    assertEquals(1, answered.size());
    return answered.get(0);
  }

  @Test
  void earliestIsTheLogStartAndLatestTheLastStableOffset() {
    ListOffsetsPartitionResponse earliest =
        only(list((short) 11, ListOffsetsRequest.EARLIEST_TIMESTAMP));
    assertEquals(3, earliest.offset());
    assertEquals(-1, earliest.timestamp());
    assertEquals(-1, earliest.leaderEpoch());
    assertEquals(9, only(list((short) 1, ListOffsetsRequest.LATEST_TIMESTAMP)).offset());
    assertEquals(3, only(list((short) 8, ListOffsetsRequest.EARLIEST_LOCAL_TIMESTAMP)).offset());
  }

  @Test
  void aTimestampFindsTheFirstRecordAtOrAfterItWithItsTimestamp() {
    ListOffsetsPartitionResponse found = only(list((short) 11, 1_005));
    assertEquals(5, found.offset());
    assertEquals(1_005, found.timestamp());
    ListOffsetsPartitionResponse none = only(list((short) 11, 5_000));
    assertEquals(Errors.NONE.code(), none.errorCode());
    assertEquals(-1, none.offset());
    assertEquals(-1, none.timestamp());
    ListOffsetsPartitionResponse max = only(list((short) 7, ListOffsetsRequest.MAX_TIMESTAMP));
    assertEquals(8, max.offset());
    assertEquals(1_008, max.timestamp());
  }

  @Test
  void tieredSpecsAreUnknownWithoutTieredStorage() {
    for (long spec :
        new long[] {
          ListOffsetsRequest.LATEST_TIERED_TIMESTAMP,
          ListOffsetsRequest.EARLIEST_PENDING_UPLOAD_TIMESTAMP
        }) {
      ListOffsetsPartitionResponse answered = only(list((short) 11, spec));
      assertEquals(Errors.NONE.code(), answered.errorCode());
      assertEquals(-1, answered.offset());
    }
  }

  @Test
  void aSpecNewerThanTheRequestOrUnknownIsAnUnsupportedVersion() {
    assertTrue(ListOffsetsApi.unsupported(ListOffsetsRequest.MAX_TIMESTAMP, (short) 6));
    assertFalse(ListOffsetsApi.unsupported(ListOffsetsRequest.MAX_TIMESTAMP, (short) 7));
    assertTrue(ListOffsetsApi.unsupported(ListOffsetsRequest.LATEST_TIERED_TIMESTAMP, (short) 8));
    assertTrue(
        ListOffsetsApi.unsupported(
            ListOffsetsRequest.EARLIEST_PENDING_UPLOAD_TIMESTAMP, (short) 10));
    assertTrue(ListOffsetsApi.unsupported(-7, (short) 11));
    assertFalse(ListOffsetsApi.unsupported(0, (short) 1));
    assertEquals(Errors.UNSUPPORTED_VERSION.code(), only(list((short) 11, -7)).errorCode());
  }

  @Test
  void aDuplicatePartitionIsAnInvalidRequestAndAnUnknownOneUnknown() {
    List<ListOffsetsPartitionResponse> answered =
        list(
            (short) 11, ListOffsetsRequest.EARLIEST_TIMESTAMP, ListOffsetsRequest.LATEST_TIMESTAMP);
    assertEquals(2, answered.size());
    answered.forEach(
        partition -> assertEquals(Errors.INVALID_REQUEST.code(), partition.errorCode()));
  }
}
