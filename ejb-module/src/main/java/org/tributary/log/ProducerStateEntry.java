package org.tributary.log;

import java.util.ArrayList;
import java.util.List;

/**
 * One producer id's state in one partition (Kafka's {@code ProducerStateEntry}): its epoch and its
 * last five appended batches, by which retries are recognised. Immutable: a commit stages new
 * entries and the partition takes them only once the commit is durable.
 */
final class ProducerStateEntry {

  /** Kafka's {@code NUM_BATCHES_TO_RETAIN}: what a producer may have in flight (max 5). */
  static final int BATCHES_TO_RETAIN = 5;

  private final short epoch;
  private final List<BatchMetadata> batches;

  private ProducerStateEntry(short epoch, List<BatchMetadata> batches) {
    this.epoch = epoch;
    this.batches = batches;
  }

  static ProducerStateEntry first(short epoch, BatchMetadata batch) {
    return new ProducerStateEntry(epoch, List.of(batch));
  }

  short epoch() {
    return epoch;
  }

  int lastSequence() {
    return batches.get(batches.size() - 1).lastSequence();
  }

  long lastTimestamp() {
    return batches.get(batches.size() - 1).timestamp();
  }

  /** The entry after one more batch; a new epoch forgets the old epoch's batches. */
  ProducerStateEntry with(short batchEpoch, BatchMetadata batch) {
    if (batchEpoch != epoch) {
      return first(batchEpoch, batch);
    }
    List<BatchMetadata> kept = new ArrayList<>(BATCHES_TO_RETAIN);
    kept.addAll(
        batches.subList(Math.max(0, batches.size() - BATCHES_TO_RETAIN + 1), batches.size()));
    kept.add(batch);
    return new ProducerStateEntry(epoch, List.copyOf(kept));
  }

  /** The retained batch with exactly this epoch and sequence range: a retry. */
  BatchMetadata duplicateOf(short batchEpoch, int firstSequence, int lastSequence) {
    if (batchEpoch != epoch) {
      return null;
    }
    for (BatchMetadata batch : batches) {
      if (batch.firstSequence() == firstSequence && batch.lastSequence() == lastSequence) {
        return batch;
      }
    }
    return null;
  }
}
