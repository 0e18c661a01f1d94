package org.tributary.kafka.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.junit.jupiter.api.Test;
import org.tributary.log.EncodedBatch;
import org.tributary.log.LogReadResult;
import org.tributary.topic.TopicPartition;

class FetchResponsesTest {

  private static final TopicPartition PARTITION = new TopicPartition("t", 0);

  private static EncodedBatch batch(Compression compression) {
    MemoryRecordsBuilder builder =
        MemoryRecords.builder(ByteBuffer.allocate(1024), compression, TimestampType.CREATE_TIME, 0);
    builder.append(1_000, null, "value".getBytes(StandardCharsets.UTF_8));
    ByteBuffer buffer = builder.build().buffer();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return new EncodedBatch(0, 0, 1_000, 1_000, 1, bytes);
  }

  private static FetchResponseData.PartitionData answer(
      EncodedBatch batch, IsolationLevel isolation, short version) {
    return FetchResponses.of(
            List.of(FetchedPartition.of(new LogReadResult(PARTITION, List.of(batch), 0, 1))),
            isolation,
            version)
        .data()
        .responses()
        .get(0)
        .partitions()
        .get(0);
  }

  @Test
  void zstdBatchesGoOnlyToClientsThatReadThem() {
    EncodedBatch zstd = batch(Compression.zstd().build());
    assertEquals(
        Errors.UNSUPPORTED_COMPRESSION_TYPE.code(),
        answer(zstd, IsolationLevel.READ_UNCOMMITTED, (short) 9).errorCode());
    assertEquals(
        Errors.NONE.code(), answer(zstd, IsolationLevel.READ_UNCOMMITTED, (short) 10).errorCode());
    assertEquals(
        Errors.NONE.code(),
        answer(batch(Compression.gzip().build()), IsolationLevel.READ_UNCOMMITTED, (short) 9)
            .errorCode());
  }

  @Test
  void aSingleBatchGoesOutUncopiedAndReadCommittedGetsNoAbortedTransactions() {
    EncodedBatch batch = batch(Compression.NONE);
    FetchResponseData.PartitionData committed =
        answer(batch, IsolationLevel.READ_COMMITTED, (short) 12);
    assertSame(batch.bytes(), ((MemoryRecords) committed.records()).buffer().array());
    assertEquals(List.of(), committed.abortedTransactions());
    assertEquals(
        null, answer(batch, IsolationLevel.READ_UNCOMMITTED, (short) 12).abortedTransactions());
  }
}
