package org.tributary.log;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.tributary.topic.TopicMetadata;

/**
 * The records of one send inside a JTA transaction: offsets reserved per partition at once, batches
 * built, rows for the caller's transaction, and what to do when that transaction ends: settle the
 * ranges when it commits, abandon them (a gap) when it rolls back.
 */
final class TransactionalAppend {

  private final Map<PartitionLog, PartitionBatches> byPartition = new LinkedHashMap<>();
  private final List<RecordMetadata> metadata;
  private final long openedAtNanos;
  private final AtomicBoolean ended = new AtomicBoolean();

  TransactionalAppend(
      TopicMetadata topic,
      List<PartitionLog> partitions,
      List<NewRecord> records,
      long now,
      long openedAtNanos) {
    this.openedAtNanos = openedAtNanos;
    Map<PartitionLog, Integer> counts = new LinkedHashMap<>();
    partitions.forEach(log -> counts.merge(log, 1, Integer::sum));
    metadata = new ArrayList<>(records.size());
    try {
      for (int i = 0; i < records.size(); i++) {
        PartitionLog log = partitions.get(i);
        PartitionBatches batches =
            byPartition.computeIfAbsent(
                log, l -> new PartitionBatches(l, topic.config(), now, counts.get(l)));
        metadata.add(batches.append(records.get(i)));
      }
      byPartition.values().forEach(PartitionBatches::seal);
    } catch (RuntimeException | Error e) {
      abandon();
      throw e;
    }
  }

  List<RecordMetadata> metadata() {
    return metadata;
  }

  List<StoredBatch> rows() {
    List<StoredBatch> rows = new ArrayList<>();
    byPartition.values().forEach(batches -> batches.seal().forEach(b -> rows.add(batches.row(b))));
    return rows;
  }

  /** Gives the reserved offsets up, once; returns the fetches to wake. */
  List<CompletableFuture<Void>> abandon() {
    List<CompletableFuture<Void>> woken = new ArrayList<>();
    if (ended.compareAndSet(false, true)) {
      byPartition.values().forEach(batches -> woken.addAll(batches.abandon()));
    }
    return woken;
  }

  /** Settles the reserved offsets, once, unless they were given up; returns the fetches to wake. */
  private List<CompletableFuture<Void>> publish() {
    List<CompletableFuture<Void>> woken = new ArrayList<>();
    if (ended.compareAndSet(false, true)) {
      byPartition.values().forEach(batches -> woken.addAll(batches.publish()));
    }
    return woken;
  }

  boolean openLongerThan(Duration limit, long nowNanos) {
    return !ended.get() && nowNanos - openedAtNanos > limit.toNanos();
  }

  /**
   * Settles or abandons the ranges as the transaction ends, then tells whether it committed and
   * which fetches to wake.
   */
  Synchronization onCompletion(BiConsumer<Boolean, List<CompletableFuture<Void>>> ended) {
    return new Synchronization() {
      @Override
      public void beforeCompletion() {}

      @Override
      public void afterCompletion(int status) {
        boolean committed = status == Status.STATUS_COMMITTED;
        ended.accept(committed, committed ? publish() : abandon());
      }
    };
  }
}
