package org.tributary.log;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tributary.errors.TributaryException;

/**
 * The producer state one commit stages (Kafka's {@code ProducerAppendInfo}s of an append): batches
 * are checked in queue order against what the partitions know plus what this commit staged before
 * them, and the partitions take the staged entries only once the commit is durable. A failed commit
 * drops them. The writer's thread only.
 */
final class ProducerStateUpdates {

  /**
   * Kafka's {@code producer.id.expiration.ms} default: a day without a batch forgets a producer.
   */
  static final long PRODUCER_ID_EXPIRATION_MS = 86_400_000L;

  private final Map<PartitionLog, Map<Long, ProducerStateEntry>> staged = new LinkedHashMap<>();
  private final long now;

  ProducerStateUpdates(long now) {
    this.now = now;
  }

  /**
   * Checks a batch for its log and, when it is to be appended, stages it.
   *
   * @return the staged batch, to be told its offsets; or, for a retry, the batch it repeats (whose
   *     offsets are the answer); or the refusal — see {@link Checked}
   */
  Checked check(PartitionLog log, ProducedBatch batch) {
    try {
      return checked(log, batch);
    } catch (TributaryException refused) {
      return new Checked(null, false, refused);
    }
  }

  private Checked checked(PartitionLog log, ProducedBatch batch) {
    ProducerBatch producer = batch.producer();
    if (!producer.idempotent()) {
      return new Checked(null, false, null);
    }
    Map<Long, ProducerStateEntry> forLog = staged.computeIfAbsent(log, l -> new HashMap<>());
    ProducerStateEntry current = forLog.get(producer.producerId());
    if (current == null) {
      current = log.producers().entry(producer.producerId());
    }
    BatchMetadata duplicate = log.producers().check(current, producer);
    if (duplicate != null) {
      return new Checked(duplicate, true, null);
    }
    BatchMetadata appended =
        new BatchMetadata(
            producer.firstSequence(), producer.lastSequence(), batch.recordCount() - 1, -1, now);
    forLog.put(
        producer.producerId(),
        current == null
            ? ProducerStateEntry.first(producer.epoch(), appended)
            : current.with(producer.epoch(), appended));
    return new Checked(appended, false, null);
  }

  /** Whether this commit staged producer state for the log. */
  boolean stages(PartitionLog log) {
    Map<Long, ProducerStateEntry> forLog = staged.get(log);
    return forLog != null && !forLog.isEmpty();
  }

  /** The commit is durable: the partitions take the staged entries. */
  void apply() {
    staged.forEach(
        (log, entries) -> {
          entries.forEach(log.producers()::update);
          if (!entries.isEmpty()) {
            log.producers().removeExpired(now, PRODUCER_ID_EXPIRATION_MS);
          }
        });
  }

  /**
   * A checked batch: {@code batch} is the one staged for it (null: no idempotent producer) or, when
   * {@code duplicate}, the retained batch it repeats; or its {@code refusal}.
   */
  record Checked(BatchMetadata batch, boolean duplicate, TributaryException refusal) {

    /** Whether it takes offsets in this commit. */
    boolean appends() {
      return refusal == null && !duplicate;
    }
  }
}
