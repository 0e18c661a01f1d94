package org.tributary.kafka.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.protocol.Readable;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.FetchMetadata;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.Test;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;
import org.tributary.kafka.SignedInSessions;
import org.tributary.log.EncodedBatch;
import org.tributary.log.LogReadResult;
import org.tributary.security.Roles;

class FetchApiTest {

  private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);
  private static final TopicPartition ORDERS_1 = new TopicPartition("orders", 1);

  /** Two stored batches of partition 0 from offset 5; partition 1 is empty; log start 2. */
  private static final EncodedBatch FIRST = new EncodedBatch(5, 6, 0, 0, 2, new byte[] {1, 2, 3});

  private static final EncodedBatch SECOND = new EncodedBatch(7, 7, 0, 0, 1, new byte[] {4, 5});

  private final FetchApi api =
      new FetchApi(
          new FetchOperation(
              (topic, partition, offset, maxBytes, minOne) ->
                  new LogReadResult(
                      new org.tributary.topic.TopicPartition(topic, partition),
                      partition == 0 ? List.of(FIRST, SECOND) : List.of(),
                      2,
                      partition == 0 ? 8 : 0),
              (offsets, wait) -> CompletableFuture.completedFuture(null),
              Runnable::run,
              Clock.systemUTC(),
              reads -> {}),
          1_000);

  private static FetchRequest request(short version, FetchMetadata metadata, int replicaId) {
    Map<TopicPartition, FetchRequest.PartitionData> partitions = new LinkedHashMap<>();
    for (TopicPartition partition : List.of(ORDERS_0, ORDERS_1)) {
      partitions.put(
          partition,
          new FetchRequest.PartitionData(Uuid.ZERO_UUID, 5, -1, 1_000, Optional.empty()));
    }
    FetchRequest.Builder builder =
        replicaId < 0
            ? FetchRequest.Builder.forConsumer(version, 0, 1, partitions)
            : FetchRequest.Builder.forReplica(version, replicaId, 1, 0, 1, partitions);
    return builder.metadata(metadata).isolationLevel(IsolationLevel.READ_COMMITTED).build(version);
  }

  private FetchResponse answer(FetchRequest fetch, KafkaSession session) {
    short version = fetch.version();
    FetchResponse answered =
        (FetchResponse)
            api.handle(
                    new KafkaRequest(
                        new RequestHeader(ApiKeys.FETCH, version, "client", 1), fetch, session))
                .toCompletableFuture()
                .join();
    // Through the wire format, as a client reads it.
    Readable wire = MessageUtil.toByteBufferAccessor(answered.data(), version);
    return FetchResponse.parse(wire, version);
  }

  private static FetchResponseData.PartitionData partition(FetchResponse response, int index) {
    return response.data().responses().get(0).partitions().get(index);
  }

  @Test
  void storedBatchesGoOutAsTheyAreWithTheLastStableOffsetAsHighWatermark() {
    for (short version = ApiKeys.FETCH.oldestVersion(); version <= 12; version++) {
      FetchResponse response =
          answer(
              request(version, FetchMetadata.INITIAL, -1),
              SignedInSessions.withRoles(Roles.CONSUMER));
      assertEquals(Errors.NONE, response.error());
      if (version >= 7) {
        assertEquals(FetchMetadata.INVALID_SESSION_ID, response.sessionId(), "sessionless");
      }
      FetchResponseData.PartitionData first = partition(response, 0);
      assertEquals(0, first.partitionIndex());
      assertEquals(8, first.highWatermark());
      assertEquals(8, first.lastStableOffset());
      if (version >= 5) {
        assertEquals(2, first.logStartOffset());
      }
      ByteBuffer records = ((MemoryRecords) first.records()).buffer();
      byte[] bytes = new byte[records.remaining()];
      records.get(bytes);
      assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, bytes, "v" + version);
      assertEquals(0, ((MemoryRecords) partition(response, 1).records()).sizeInBytes());
    }
  }

  @Test
  void aWaitIsCappedAtFiveMinutesWhateverTheClientAsks() {
    List<Duration> waits = new ArrayList<>();
    FetchApi capped =
        new FetchApi(
            new FetchOperation(
                (topic, partition, offset, maxBytes, minOne) ->
                    new LogReadResult(
                        new org.tributary.topic.TopicPartition(topic, partition), List.of(), 0, 0),
                (offsets, wait) -> {
                  waits.add(wait);
                  return new CompletableFuture<>(); // the test needs no answer
                },
                Runnable::run,
                Clock.offset(Clock.systemUTC(), Duration.ZERO),
                reads -> {}),
            1_000);
    Map<TopicPartition, FetchRequest.PartitionData> partitions =
        Map.of(
            ORDERS_1,
            new FetchRequest.PartitionData(Uuid.ZERO_UUID, 0, -1, 1_000, Optional.empty()));
    FetchRequest fetch =
        FetchRequest.Builder.forConsumer((short) 12, Integer.MAX_VALUE, 1, partitions)
            .build((short) 12);
    capped.handle(
        new KafkaRequest(
            new RequestHeader(ApiKeys.FETCH, (short) 12, "client", 1),
            fetch,
            SignedInSessions.withRoles(Roles.CONSUMER)));
    assertTrue(
        !waits.isEmpty() && waits.get(0).toMillis() <= FetchApi.MAX_WAIT_MS, waits::toString);
  }

  @Test
  void anIncrementalFetchFindsNoSessionAndTheClientStartsAgain() {
    FetchResponse response =
        answer(
            request((short) 12, FetchMetadata.newIncremental(42), -1),
            SignedInSessions.withRoles(Roles.CONSUMER));
    assertEquals(Errors.FETCH_SESSION_ID_NOT_FOUND, response.error());
    assertTrue(response.data().responses().isEmpty());
  }

  @Test
  void aFinalFetchIsAnsweredSessionless() {
    FetchResponse response =
        answer(
            request((short) 12, FetchMetadata.LEGACY, -1),
            SignedInSessions.withRoles(Roles.VIEWER));
    assertEquals(Errors.NONE, response.error());
    assertEquals(2, response.data().responses().get(0).partitions().size());
  }

  @Test
  void aUserWhoMayNotReadAndAReplicaAreRefusedPerPartition() {
    for (FetchResponse response :
        List.of(
            answer(
                request((short) 12, FetchMetadata.INITIAL, -1),
                SignedInSessions.withRoles(Roles.PRODUCER)),
            answer(
                request((short) 12, FetchMetadata.INITIAL, 1),
                SignedInSessions.withRoles(Roles.ADMIN)))) {
      assertEquals(Errors.NONE, response.error());
      for (int index = 0; index < 2; index++) {
        assertEquals(
            Errors.TOPIC_AUTHORIZATION_FAILED.code(), partition(response, index).errorCode());
      }
    }
  }
}
