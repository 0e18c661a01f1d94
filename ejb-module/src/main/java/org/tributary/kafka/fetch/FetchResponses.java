package org.tributary.kafka.fetch;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.requests.FetchMetadata;
import org.apache.kafka.common.requests.FetchResponse;
import org.tributary.log.LogReadResult;

/**
 * Builds Fetch responses: always a full, sessionless one (session id 0), every partition asked for
 * in request order, its stored batches as they are, the last stable offset as the high watermark
 * and no aborted transactions (Tributary's transactions are never visible before their commit).
 */
final class FetchResponses {

  /** Fetch v10 is the first whose clients can read zstd batches (KIP-110). */
  static final short FIRST_ZSTD_VERSION = 10;

  private FetchResponses() {}

  static FetchResponse of(
      List<FetchedPartition> partitions, IsolationLevel isolation, short version) {
    LinkedHashMap<TopicIdPartition, FetchResponseData.PartitionData> data = new LinkedHashMap<>();
    for (FetchedPartition partition : partitions) {
      data.put(
          new TopicIdPartition(
              Uuid.ZERO_UUID, partition.partition().partition(), partition.partition().topic()),
          partitionData(partition, isolation, version));
    }
    return FetchResponse.of(Errors.NONE, 0, FetchMetadata.INVALID_SESSION_ID, data, List.of());
  }

  /**
   * The answer to an incremental fetch: this broker keeps no fetch sessions, so the session the
   * client names is not found, and the client starts again with a full request, as with Kafka.
   */
  static FetchResponse sessionNotFound() {
    return FetchResponse.of(
        Errors.FETCH_SESSION_ID_NOT_FOUND,
        0,
        FetchMetadata.INVALID_SESSION_ID,
        new LinkedHashMap<>(),
        List.of());
  }

  private static FetchResponseData.PartitionData partitionData(
      FetchedPartition partition, IsolationLevel isolation, short version) {
    int index = partition.partition().partition();
    LogReadResult read = partition.read();
    if (partition.error() != Errors.NONE) {
      return FetchResponse.partitionResponse(index, partition.error());
    }
    MemoryRecords records =
        read.batches().isEmpty()
            ? MemoryRecords.EMPTY
            : MemoryRecords.readableRecords(ByteBuffer.wrap(read.concatenated()));
    if (version < FIRST_ZSTD_VERSION && holdsZstd(records)) {
      return FetchResponse.partitionResponse(index, Errors.UNSUPPORTED_COMPRESSION_TYPE);
    }
    return new FetchResponseData.PartitionData()
        .setPartitionIndex(index)
        .setErrorCode(Errors.NONE.code())
        .setHighWatermark(read.lastStableOffset())
        .setLastStableOffset(read.lastStableOffset())
        .setLogStartOffset(read.logStartOffset())
        .setAbortedTransactions(isolation == IsolationLevel.READ_COMMITTED ? List.of() : null)
        .setPreferredReadReplica(FetchResponse.INVALID_PREFERRED_REPLICA_ID)
        .setRecords(records);
  }

  private static boolean holdsZstd(MemoryRecords records) {
    for (RecordBatch batch : records.batches()) {
      if (batch.compressionType() == CompressionType.ZSTD) {
        return true;
      }
    }
    return false;
  }
}
