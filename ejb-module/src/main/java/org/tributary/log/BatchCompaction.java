package org.tributary.log;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecords.FilterResult;
import org.apache.kafka.common.record.internal.MemoryRecords.RecordFilter;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.utils.internals.BufferSupplier;
import org.tributary.topic.TopicConfigKey;

/**
 * Compacts one stored batch with kafka-clients' own filter ({@code MemoryRecords.filterTo}, what
 * Kafka's log cleaner uses): a record stays if it is the latest for its key; a tombstone stays
 * until the delete horizon that its batch gets when first compacted ({@code delete.retention.ms}
 * later, kept in the batch header as Kafka does since KIP-534). Records without a key go, as
 * Kafka's cleaner drops them. Surviving records keep their offsets, timestamps, headers and the
 * batch's compression.
 */
final class BatchCompaction {

  /** No tombstone waits in the batch. */
  static final long NO_HORIZON = Long.MAX_VALUE;

  /**
   * @param batch what to store instead: the same object when nothing changed, {@code null} when
   *     nothing survived
   * @param tombstoneHorizon when the batch's kept tombstones may go, or {@link #NO_HORIZON}
   */
  record Result(EncodedBatch batch, int recordsRemoved, long tombstoneHorizon) {}

  private BatchCompaction() {}

  static Result compact(EncodedBatch batch, OffsetMap latest, long now, long deleteRetentionMs) {
    LatestPerKey filter = new LatestPerKey(latest, now, deleteRetentionMs);
    FilterResult filtered =
        MemoryRecords.readableRecords(ByteBuffer.wrap(batch.bytes()))
            .filterTo(
                filter,
                ByteBuffer.allocate(batch.bytes().length),
                BufferSupplier.NO_CACHING,
                TopicConfigKey.MAX_BATCH_BYTES);
    ByteBuffer output = filtered.outputBuffer();
    output.flip();
    if (!output.hasRemaining()) {
      return new Result(null, batch.recordCount(), NO_HORIZON);
    }
    byte[] bytes = new byte[output.remaining()];
    output.get(bytes);
    EncodedBatch kept = Arrays.equals(bytes, batch.bytes()) ? batch : EncodedBatch.of(bytes);
    long horizon =
        filter.keptTombstone
            ? kept.kafkaBatch().deleteHorizonMs().orElse(now + deleteRetentionMs)
            : NO_HORIZON;
    return new Result(kept, batch.recordCount() - kept.recordCount(), horizon);
  }

  private static final class LatestPerKey extends RecordFilter {

    private final OffsetMap latest;
    private boolean keptTombstone;

    LatestPerKey(OffsetMap latest, long now, long deleteRetentionMs) {
      super(now, deleteRetentionMs);
      this.latest = latest;
    }

    @Override
    protected BatchRetentionResult checkBatchRetention(RecordBatch batch) {
      return new BatchRetentionResult(BatchRetention.DELETE_EMPTY, false);
    }

    @Override
    protected boolean shouldRetainRecord(RecordBatch batch, Record record) {
      if (!record.hasKey() || !latest.isLatest(record.key(), record.offset())) {
        return false;
      }
      if (record.hasValue()) {
        return true;
      }
      boolean beforeHorizon =
          batch.deleteHorizonMs().isEmpty() || currentTime < batch.deleteHorizonMs().getAsLong();
      keptTombstone |= beforeHorizon;
      return beforeHorizon;
    }
  }
}
