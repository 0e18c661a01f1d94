package org.tributary.log;

import java.util.List;
import org.tributary.topic.TopicPartition;

/**
 * Whole stored batches read for a Kafka fetch (Kafka's {@code LogReadResult}), in offset order,
 * from the batch holding the fetch offset on and all below the last stable offset, with the
 * partition's bounds at the time of the read. The batches' bytes go on the wire as they are.
 */
public record LogReadResult(
    TopicPartition partition,
    List<EncodedBatch> batches,
    long logStartOffset,
    long lastStableOffset) {

  /** Bytes of the batches: what a fetch response carries for the partition. */
  public int sizeInBytes() {
    int size = 0;
    for (EncodedBatch batch : batches) {
      size += batch.bytes().length;
    }
    return size;
  }

  /** The batches' bytes, one after the other. */
  public byte[] concatenated() {
    if (batches.size() == 1) {
      return batches.get(0).bytes();
    }
    byte[] all = new byte[sizeInBytes()];
    int at = 0;
    for (EncodedBatch batch : batches) {
      byte[] bytes = batch.bytes();
      System.arraycopy(bytes, 0, all, at, bytes.length);
      at += bytes.length;
    }
    return all;
  }
}
