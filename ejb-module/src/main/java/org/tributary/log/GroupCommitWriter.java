package org.tributary.log;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicMetadata;

/**
 * The single writer of all partitions: drains every pending append, builds one batch per partition
 * from all of their records (a Kafka producer's batches are placed as they are, their producers'
 * sequences checked in queue order), persists all batches in one transaction, and only then
 * completes the producers' futures and advances the last stable offsets. Under load many producers
 * share one commit, which is where throughput comes from.
 *
 * <p>Offsets are assigned on this thread only, in queue order, so they are strictly increasing per
 * partition without a lock. A failed commit leaves a gap in the offsets (allowed), never a reused
 * offset. A commit that reports a failure may still have happened (the connection dropped during
 * COMMIT), so before its records go anywhere else the writer checks whether its first batch is
 * stored; until it knows, the commit stays in doubt and nothing of it is settled or re-appended.
 */
final class GroupCommitWriter implements Runnable {

  private static final Logger LOG = Logger.getLogger(GroupCommitWriter.class.getName());

  private static final Duration QUEUE_WAIT = Duration.ofSeconds(30);
  private static final int MAX_FAILED_RETRIES_IN_A_ROW = 3;

  private final BlockingQueue<QueuedAppend> queue;
  private final long maxQueuedBytes;
  private final AtomicLong queuedBytes = new AtomicLong();
  private final Consumer<List<StoredBatch>> store;
  private final Predicate<StoredBatch> isStored;
  private final LongConsumer deadTopicRows;
  private final List<InDoubt> inDoubt = new ArrayList<>();
  private final Clock clock;
  private final int maxAppendsPerCommit;
  private final Executor completions;
  private volatile boolean running = true;
  private volatile boolean exited;

  /**
   * @param isStored whether a batch is stored (by its primary key), to learn a commit's outcome
   * @param deadTopicRows told the id of a deleted topic whose rows a commit stored after all, so
   *     that they are removed
   * @param maxQueuedBytes how many bytes of records may wait for the writer (Kafka's {@code
   *     queued.max.request.bytes}); an append that would exceed it is refused, unless the queue is
   *     empty, so that one request larger than it still gets through
   * @param maxAppendsPerCommit how many queued appends one transaction may take; 1 turns group
   *     commit off (one transaction per produce request), which only a benchmark wants
   * @param completions runs what producers and waiting fetches chain to a commit (writing HTTP
   *     responses, say), so that the writer thread gets back to the next commit at once
   */
  GroupCommitWriter(
      Consumer<List<StoredBatch>> store,
      Predicate<StoredBatch> isStored,
      LongConsumer deadTopicRows,
      Clock clock,
      int queueCapacity,
      long maxQueuedBytes,
      int maxAppendsPerCommit,
      Executor completions) {
    this.store = store;
    this.isStored = isStored;
    this.deadTopicRows = deadTopicRows;
    this.clock = clock;
    this.queue = new LinkedBlockingQueue<>(queueCapacity);
    this.maxQueuedBytes = maxQueuedBytes;
    this.maxAppendsPerCommit = maxAppendsPerCommit;
    this.completions = completions;
  }

  /**
   * Queues an append; when the queue is full the producer waits, up to a limit, which is how a
   * writer that falls behind holds producers back.
   */
  void submit(QueuedAppend append) {
    submit(append, QUEUE_WAIT);
  }

  /**
   * Queues an append, waiting at most {@code wait} for room: a thread that serves many clients (a
   * Kafka request handler) must not wait at all, or one overloaded writer stops them all.
   */
  void submit(QueuedAppend append, Duration wait) {
    if (!running) {
      throw shuttingDown();
    }
    long bytes = append.payloadBytes();
    long queued = queuedBytes.addAndGet(bytes);
    if (queued > maxQueuedBytes && queued > bytes) {
      queuedBytes.addAndGet(-bytes);
      throw new TributaryException(
          ErrorCode.KAFKA_STORAGE_ERROR,
          "The broker is overloaded: "
              + (queued - bytes)
              + " bytes of records already wait to be appended (queued.max.request.bytes="
              + maxQueuedBytes
              + "). Nothing was appended; retry later.");
    }
    boolean queuedIt = false;
    try {
      queuedIt = queue.offer(append, wait.toMillis(), TimeUnit.MILLISECONDS);
      if (!queuedIt) {
        throw new TributaryException(
            ErrorCode.KAFKA_STORAGE_ERROR,
            "The broker is overloaded: the append queue stayed full for "
                + wait.toMillis()
                + " ms. Nothing was appended; retry later.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TributaryException(ErrorCode.KAFKA_STORAGE_ERROR, "Interrupted while queueing.");
    } finally {
      if (!queuedIt) {
        queuedBytes.addAndGet(-bytes);
      }
    }
    if (exited) {
      failQueued();
    }
  }

  /** Stops taking appends; those already queued are still committed before {@link #run} ends. */
  void stop() {
    running = false;
  }

  @Override
  public void run() {
    List<QueuedAppend> drained = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        resolveInDoubt();
        QueuedAppend first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        drained.add(first);
        queue.drainTo(drained, maxAppendsPerCommit - 1);
        dequeued(drained);
        commit(drained);
      } catch (InterruptedException e) {
        running = false;
      } catch (Throwable e) {
        // Whatever went wrong (even an Error), these producers get an answer and the writer
        // lives on: a dead writer would leave every later producer waiting forever.
        LOG.log(Level.SEVERE, "Group commit failed unexpectedly", e);
        drained.forEach(append -> append.done().completeExceptionally(storageError(e)));
      } finally {
        drained.clear();
      }
    }
    running = false;
    exited = true;
    failQueued();
    inDoubt.forEach(
        commit ->
            commit
                .appends()
                .forEach(append -> append.done().completeExceptionally(inDoubtError())));
  }

  /** Fails what is still queued once the writer has gone; safe from any thread. */
  private void failQueued() {
    List<QueuedAppend> abandoned = new ArrayList<>();
    queue.drainTo(abandoned);
    dequeued(abandoned);
    abandoned.forEach(append -> append.done().completeExceptionally(shuttingDown()));
  }

  private void dequeued(List<QueuedAppend> appends) {
    long bytes = 0;
    for (QueuedAppend append : appends) {
      bytes += append.payloadBytes();
    }
    queuedBytes.addAndGet(-bytes);
  }

  private void commit(List<QueuedAppend> appends) {
    List<QueuedAppend> live = new ArrayList<>(appends.size());
    for (QueuedAppend append : appends) {
      if (append.done().isDone()) {
        continue; // answered already (its deadline passed while it waited): never appended
      }
      List<TopicMetadata> closed = append.closedTopics();
      if (closed.isEmpty()) {
        live.add(append);
      } else {
        append.done().completeExceptionally(TributaryException.unknownTopic(closed.get(0).name()));
      }
    }
    if (!live.isEmpty()) {
      commitLive(live);
    }
  }

  private void commitLive(List<QueuedAppend> appends) {
    long now = clock.millis();
    // First, in queue order, which produced batches are appended (their producers' sequences
    // decide), so that every partition's offsets are reserved at once and exactly.
    ProducerStateUpdates producers = new ProducerStateUpdates(now);
    Map<QueuedAppend, List<ProducerStateUpdates.Checked>> checked = new IdentityHashMap<>();
    Map<PartitionLog, Integer> counts = new LinkedHashMap<>();
    for (QueuedAppend queued : appends) {
      if (queued instanceof PendingAppend append) {
        append.partitions().forEach(log -> counts.merge(log, 1, Integer::sum));
      } else if (queued instanceof PendingBatches append) {
        List<ProducerStateUpdates.Checked> outcomes = new ArrayList<>(append.batches().size());
        for (int i = 0; i < append.batches().size(); i++) {
          PartitionLog log = append.logs().get(i);
          ProducedBatch batch = append.batches().get(i);
          ProducerStateUpdates.Checked outcome =
              batch.producer().idempotent() && inDoubtFor(log)
                  ? new ProducerStateUpdates.Checked(null, false, producerStateInDoubt())
                  : producers.check(log, batch);
          if (outcome.appends()) {
            counts.merge(log, append.batches().get(i).recordCount(), Integer::sum);
          }
          outcomes.add(outcome);
        }
        checked.put(append, outcomes);
      }
    }
    Map<PartitionLog, PartitionBatches> byPartition = new LinkedHashMap<>();
    List<Runnable> answers = new ArrayList<>(appends.size());
    List<StoredBatch> rows = new ArrayList<>();
    try {
      for (QueuedAppend queued : appends) {
        if (queued instanceof PendingAppend append) {
          List<RecordMetadata> metadata = new ArrayList<>(append.records().size());
          for (int i = 0; i < append.records().size(); i++) {
            PartitionLog log = append.partitions().get(i);
            metadata.add(
                batchesOf(byPartition, log, append.topic(), now, counts)
                    .append(append.records().get(i)));
          }
          answers.add(() -> append.done().complete(metadata));
        } else if (queued instanceof PendingBatches append) {
          answers.add(placed(append, checked.get(append), byPartition, now, counts));
        }
      }
      byPartition
          .values()
          .forEach(batches -> batches.seal().forEach(batch -> rows.add(batches.row(batch))));
    } catch (Error e) {
      abandon(byPartition.values());
      throw e;
    } catch (RuntimeException e) {
      // Nothing was written: the offsets reserved so far become a gap.
      abandon(byPartition.values());
      failed(appends, e);
      return;
    }
    InDoubt commit =
        new InDoubt(
            appends, byPartition.values(), answers, producers, rows.isEmpty() ? null : rows.get(0));
    if (rows.isEmpty()) {
      acknowledge(commit); // only retries and refusals: nothing to store
      return;
    }
    try {
      store.accept(rows);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not persist " + rows.size() + " record batches", e);
      commit.cause = e;
      resolve(commit);
      return;
    }
    acknowledge(commit);
  }

  private static PartitionBatches batchesOf(
      Map<PartitionLog, PartitionBatches> byPartition,
      PartitionLog log,
      TopicMetadata topic,
      long now,
      Map<PartitionLog, Integer> counts) {
    return byPartition.computeIfAbsent(
        log, l -> new PartitionBatches(l, topic.config(), now, counts.get(l)));
  }

  /**
   * Places a request's produced batches that are to be appended; returns how to answer it once the
   * commit is durable (a retry with the offsets of the batch it repeats).
   */
  private static Runnable placed(
      PendingBatches append,
      List<ProducerStateUpdates.Checked> outcomes,
      Map<PartitionLog, PartitionBatches> byPartition,
      long now,
      Map<PartitionLog, Integer> counts) {
    List<Supplier<BatchAppendResult>> results = new ArrayList<>(outcomes.size());
    for (int i = 0; i < outcomes.size(); i++) {
      ProducedBatch batch = append.batches().get(i);
      PartitionLog log = append.logs().get(i);
      ProducerStateUpdates.Checked checked = outcomes.get(i);
      if (checked.refusal() != null) {
        results.add(() -> BatchAppendResult.refused(checked.refusal()));
        continue;
      }
      long logAppendTime = batch.topic().config().logAppendTime() ? now : -1;
      if (checked.duplicate()) {
        BatchMetadata original = checked.batch();
        long originalTime = logAppendTime == -1 ? -1 : original.timestamp();
        results.add(
            () ->
                BatchAppendResult.appended(
                    original.baseOffset(), originalTime, log.logStartOffset()));
        continue;
      }
      long baseOffset = batchesOf(byPartition, log, batch.topic(), now, counts).append(batch);
      if (checked.batch() != null) {
        checked.batch().assigned(baseOffset);
      }
      results.add(
          () -> BatchAppendResult.appended(baseOffset, logAppendTime, log.logStartOffset()));
    }
    return () -> append.done().complete(results.stream().map(Supplier::get).toList());
  }

  /** Learns whether a commit that reported a failure happened, and acts on it; else keeps it. */
  private void resolve(InDoubt commit) {
    boolean stored;
    try {
      stored = isStored.test(commit.firstRow());
    } catch (RuntimeException e) {
      if (!inDoubt.contains(commit)) {
        LOG.log(
            Level.WARNING,
            "The outcome of a commit of "
                + commit.appends().size()
                + " appends is unknown; its offsets stay unsettled until it is known",
            e);
        inDoubt.add(commit);
      }
      return;
    }
    inDoubt.remove(commit);
    if (stored) {
      LOG.warning("A commit that reported a failure was stored after all; acknowledging it");
      acknowledge(commit);
      return;
    }
    // Certainly not stored: its offsets become a gap, and its appends may go again elsewhere.
    abandon(commit.reserved());
    failed(commit.appends(), commit.cause);
  }

  private void resolveInDoubt() {
    for (InDoubt commit : List.copyOf(inDoubt)) {
      resolve(commit);
    }
  }

  /** Stored: makes the batches visible and answers the producers. */
  private void acknowledge(InDoubt commit) {
    List<QueuedAppend> appends = commit.appends();
    commit.producers().apply();
    List<CompletableFuture<Void>> woken = new ArrayList<>();
    commit.reserved().forEach(batches -> woken.addAll(batches.publish()));
    Runnable complete =
        () -> {
          for (int i = 0; i < appends.size(); i++) {
            QueuedAppend append = appends.get(i);
            List<TopicMetadata> closed = append.closedTopics();
            if (!closed.isEmpty()) {
              // Its topic was deleted while this commit ran, and its removal may have passed
              // these rows: they go, and the producer is told the topic is gone.
              closed.forEach(topic -> deadTopicRows.accept(topic.id()));
              append
                  .done()
                  .completeExceptionally(TributaryException.unknownTopic(closed.get(0).name()));
            } else {
              commit.answers().get(i).run();
            }
          }
          woken.forEach(waiter -> waiter.complete(null));
        };
    try {
      completions.execute(complete);
    } catch (RejectedExecutionException e) {
      complete.run();
    }
  }

  private void failed(List<QueuedAppend> appends, RuntimeException e) {
    if (appends.size() > 1) {
      retryEachAlone(appends, e);
      return;
    }
    appends.forEach(
        append ->
            append
                .done()
                .completeExceptionally(
                    e instanceof TributaryException refused ? refused : storageError(e)));
  }

  private static void abandon(Collection<PartitionBatches> reserved) {
    List<CompletableFuture<Void>> woken = new ArrayList<>();
    reserved.forEach(batches -> woken.addAll(batches.abandon()));
    woken.forEach(waiter -> waiter.complete(null));
  }

  /**
   * One bad request must not fail everyone who shared its commit, so each is retried on its own
   * (the offsets given out for the failed commit stay a gap). When several retries in a row fail
   * too, the database itself is failing: the rest are failed at once instead of each waiting for
   * its own timeout while producers queue up.
   */
  private void retryEachAlone(List<QueuedAppend> appends, RuntimeException cause) {
    LOG.log(
        Level.WARNING,
        "Group commit of " + appends.size() + " appends failed; retrying each alone",
        cause);
    int failuresInARow = 0;
    for (QueuedAppend append : appends) {
      if (failuresInARow >= MAX_FAILED_RETRIES_IN_A_ROW) {
        append.done().completeExceptionally(storageError(cause));
        continue;
      }
      commit(List.of(append));
      failuresInARow = append.done().isCompletedExceptionally() ? failuresInARow + 1 : 0;
    }
  }

  private static TributaryException storageError(Throwable cause) {
    if (cause instanceof TributaryException refused) {
      return refused; // a refusal with its own code (this server no longer the writer, say)
    }
    return new TributaryException(
        ErrorCode.KAFKA_STORAGE_ERROR,
        "The records could not be stored; they were not appended. Retry the request.",
        cause);
  }

  /**
   * Whether a commit whose outcome is still unknown staged producer state for this log: a batch
   * checked without it could be a retry of what that commit stored (and be stored twice).
   */
  private boolean inDoubtFor(PartitionLog log) {
    for (InDoubt commit : inDoubt) {
      if (commit.producers().stages(log)) {
        return true;
      }
    }
    return false;
  }

  private static TributaryException producerStateInDoubt() {
    return new TributaryException(
        ErrorCode.KAFKA_STORAGE_ERROR,
        "The database has not said whether an earlier batch to this partition was stored; until"
            + " it does, idempotent batches to it wait. Retry.");
  }

  private static TributaryException inDoubtError() {
    return new TributaryException(
        ErrorCode.KAFKA_STORAGE_ERROR,
        "The database did not say whether the records were stored; they may appear. Check before"
            + " retrying the request.");
  }

  private static TributaryException shuttingDown() {
    return new TributaryException(
        ErrorCode.KAFKA_STORAGE_ERROR,
        "The broker is shutting down; the records were not appended.");
  }

  /**
   * A commit that reported a failure: its appends, the offsets reserved for them, the results they
   * get if it was stored after all, and its first row, whose presence tells.
   */
  private static final class InDoubt {
    private final List<QueuedAppend> appends;
    private final Collection<PartitionBatches> reserved;
    private final List<Runnable> answers;
    private final ProducerStateUpdates producers;
    private final StoredBatch firstRow;
    private RuntimeException cause;

    InDoubt(
        List<QueuedAppend> appends,
        Collection<PartitionBatches> reserved,
        List<Runnable> answers,
        ProducerStateUpdates producers,
        StoredBatch firstRow) {
      this.appends = appends;
      this.reserved = reserved;
      this.answers = answers;
      this.producers = producers;
      this.firstRow = firstRow;
    }

    List<QueuedAppend> appends() {
      return appends;
    }

    Collection<PartitionBatches> reserved() {
      return reserved;
    }

    /** Each append's answer, given once the commit is durable. */
    List<Runnable> answers() {
      return answers;
    }

    ProducerStateUpdates producers() {
      return producers;
    }

    StoredBatch firstRow() {
      return firstRow;
    }
  }
}
