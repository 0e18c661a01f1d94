package org.tributary.log;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.utils.internals.BufferSupplier;
import org.apache.kafka.common.utils.internals.CloseableIterator;

/**
 * Compaction's map from each key to its latest offset in the part of the log written since the last
 * compaction (Kafka's dedupe buffer). It is bounded by an estimate of its memory: a compaction
 * whose new records hold more keys than fit cleans up to where the map filled, and the rest next
 * time.
 */
final class OffsetMap {

  /** Rough cost of one entry beyond the key's bytes: the map node, the buffer, the offset. */
  private static final int ENTRY_OVERHEAD = 96;

  private final Map<ByteBuffer, Long> latest = new HashMap<>();
  private final long capacityBytes;
  private long usedBytes;

  OffsetMap(long capacityBytes) {
    this.capacityBytes = capacityBytes;
  }

  /** Takes in every keyed record of the batch. */
  void addAll(EncodedBatch batch) {
    try (CloseableIterator<Record> records =
        batch.kafkaBatch().streamingIterator(BufferSupplier.NO_CACHING)) {
      while (records.hasNext()) {
        Record record = records.next();
        if (record.hasKey()) {
          put(record.key(), record.offset());
        }
      }
    }
  }

  void put(ByteBuffer key, long offset) {
    // A copy: the record's key is a view into its whole batch, which the map must not keep alive.
    byte[] copy = new byte[key.remaining()];
    key.duplicate().get(copy);
    Long previous = latest.put(ByteBuffer.wrap(copy), offset);
    if (previous == null) {
      usedBytes += key.remaining() + ENTRY_OVERHEAD;
    }
  }

  /** Whether a record is the latest for its key (or its key was not written since). */
  boolean isLatest(ByteBuffer key, long offset) {
    Long newest = latest.get(key);
    return newest == null || offset >= newest;
  }

  boolean isFull() {
    return usedBytes >= capacityBytes;
  }

  int size() {
    return latest.size();
  }
}
