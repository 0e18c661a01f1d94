package org.tributary.log;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.lease.WriterClaimed;
import org.tributary.lease.WriterLease;
import org.tributary.storage.Storage;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicConfigKey;
import org.tributary.topic.TopicDeleted;
import org.tributary.topic.TopicMetadata;
import org.tributary.topic.TopicPartition;

/**
 * The partitioned logs: appends go through the group-commit writer, fetches read the tail cache or
 * the store, and a fetch at the last stable offset waits for data without holding a thread.
 *
 * <p>Concurrency: bean-managed; there is no global lock. Each {@link PartitionLog} guards its own
 * state and the single writer thread assigns offsets, so producers and consumers of different
 * partitions never contend.
 */
@Singleton
@Startup
@DependsOn({"Storage", "TopicCatalog", "WriterLease"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PartitionLogs {

  private static final Logger LOG = Logger.getLogger(PartitionLogs.class.getName());
  private static final int STORE_PAGE_BATCHES = 16;

  /** Batches a deleted topic loses per transaction: row locks only, far below Derby's 5,000. */
  private static final int DELETE_CHUNK_BATCHES = 1_000;

  /** Payara's (GlassFish's) transaction manager; Jakarta EE names none. */
  private static final String TRANSACTION_MANAGER = "java:appserver/TransactionManager";

  private final Map<PartitionKey, PartitionLog> logs = new ConcurrentHashMap<>();
  private final Map<TransactionalAppend, Transaction> openTransactions = new ConcurrentHashMap<>();

  /**
   * Log start offsets recorded by retention, DeleteRecords or compaction, read at start-up; a
   * partition with no stored batch left still starts (and hands out offsets) from there.
   */
  private final Map<PartitionKey, Long> recoveredLogStarts = new ConcurrentHashMap<>();

  /**
   * Log ends recorded after gaps at the end of logs, read at start-up: a log never hands out an
   * offset below its recorded end again.
   */
  private final Map<PartitionKey, Long> recoveredLogEnds = new ConcurrentHashMap<>();

  /** Deleted topics whose batches are being removed, and whether another pass was asked for. */
  private final Map<Long, Boolean> topicRemovals = new ConcurrentHashMap<>();

  private final Partitioner partitioner = new Partitioner();
  private GroupCommitWriter writer;
  private Thread writerThread;

  @Inject TopicCatalog topics;
  @Inject BatchStore store;
  @Inject LogMetrics metrics;
  @Inject WriterLease writerLease;
  @Inject Storage storage;

  @Resource ManagedThreadFactory threadFactory;
  @Resource TransactionSynchronizationRegistry transactions;

  @Inject
  @ConfigProperty(name = "tributary.log.tail-cache-bytes", defaultValue = "1048576")
  long tailCacheBytes;

  @Inject
  @ConfigProperty(name = "tributary.log.tail-cache-total-bytes", defaultValue = "268435456")
  long tailCacheTotalBytes;

  private TailCacheBudget tailCacheBudget;

  @Inject
  @ConfigProperty(name = "tributary.completions.threads", defaultValue = "16")
  int completionThreads;

  @Inject
  @ConfigProperty(name = "tributary.completions.queue-capacity", defaultValue = "10000")
  int completionQueueCapacity;

  /** Acknowledgements, wake-ups and resumed polls: never Payara's shared default executor. */
  private CompletionExecutor executor;

  /** Ends the waits of fetches and polls at their deadline; its tasks only complete futures. */
  private ScheduledThreadPoolExecutor deadlines;

  @Inject
  @ConfigProperty(name = "tributary.log.append-queue-capacity", defaultValue = "10000")
  int appendQueueCapacity;

  @Inject
  @ConfigProperty(name = "queued.max.request.bytes", defaultValue = "104857600")
  long maxQueuedBytes;

  @Inject
  @ConfigProperty(name = "tributary.produce.timeout-ms", defaultValue = "30000")
  long produceTimeoutMillis;

  @Inject
  @ConfigProperty(name = "tributary.log.max-appends-per-commit", defaultValue = "4096")
  int maxAppendsPerCommit;

  @Inject
  @ConfigProperty(name = "tributary.transaction.max-open-ms", defaultValue = "900000")
  long maxOpenTransactionMillis;

  @PostConstruct
  void recover() {
    tailCacheBudget = new TailCacheBudget(tailCacheTotalBytes);
    executor =
        new CompletionExecutor(
            threadFactory, Math.max(1, completionThreads), Math.max(1, completionQueueCapacity));
    deadlines =
        new ScheduledThreadPoolExecutor(
            1, CompletionExecutor.named(threadFactory, "tributary-deadlines-"));
    deadlines.setRemoveOnCancelPolicy(true);
    deadlines.prestartAllCoreThreads();
    if (writerLease.isWriter()) {
      store.deleteOrphanOffsets();
    }
    recoverLogs();
    writer =
        new GroupCommitWriter(
            rows -> store.persist(writerLease.requireWriter(), rows),
            store::isStored,
            this::removeBatches,
            Clock.systemUTC(),
            appendQueueCapacity,
            maxQueuedBytes,
            Math.max(1, maxAppendsPerCommit),
            executor);
    writerThread = threadFactory.newThread(writer);
    writerThread.setName("tributary-group-commit");
    writerThread.start();
  }

  /**
   * This server took over writing from another one, which appended meanwhile: the logs are read
   * again from the database before this server appends (it appended nothing while it did not
   * write). Fetches waiting on the old state are answered with a retriable error.
   */
  public void onWriterClaimed(@Observes WriterClaimed claimed) {
    topics.load();
    List<PartitionLog> stale = new ArrayList<>(logs.values());
    logs.clear();
    recoveredLogStarts.clear();
    recoveredLogEnds.clear();
    recoverLogs();
    TributaryException moved =
        new TributaryException(
            ErrorCode.NOT_LEADER_OR_FOLLOWER,
            "This server took over writing to its database; fetch again.");
    stale.forEach(log -> log.close(moved));
  }

  /** Reads every partition's log state from the database; the writer also sweeps deleted topics. */
  private void recoverLogs() {
    Map<Long, TopicMetadata> byId = new ConcurrentHashMap<>();
    topics.all().forEach(topic -> byId.put(topic.id(), topic));
    for (Object[] logStart : store.logStarts()) {
      recoveredLogStarts.put(
          new PartitionKey((Long) logStart[0], (Integer) logStart[1]), (Long) logStart[2]);
    }
    for (Object[] logEnd : store.logEnds()) {
      recoveredLogEnds.put(
          new PartitionKey((Long) logEnd[0], (Integer) logEnd[1]), (Long) logEnd[2]);
    }
    for (Object[] extent : store.extents()) {
      TopicMetadata topic = byId.get((Long) extent[0]);
      if (topic == null) {
        continue; // a deleted topic's batches, removed below
      }
      int partition = (Integer) extent[1];
      PartitionKey key = new PartitionKey(topic.id(), partition);
      long logStart = recoveredLogStarts.getOrDefault(key, (Long) extent[2]);
      // Never below the log start (DeleteRecords may have moved it past a gap at the end), nor
      // below a recorded end (a gap at the end that a consumer may have passed).
      long nextOffset =
          Math.max(
              Math.max((Long) extent[3] + 1, logStart), recoveredLogEnds.getOrDefault(key, 0L));
      long sizeInBytes = ((Number) extent[4]).longValue();
      logs.put(
          key,
          new PartitionLog(
              topic.id(),
              topic.partition(partition),
              logStart,
              nextOffset,
              sizeInBytes,
              tailCacheBytes,
              tailCacheBudget,
              store,
              this::recordLogEnd));
    }
    LOG.info(() -> "Recovered " + logs.size() + " partition logs");
    if (writerLease.isWriter()) {
      List<Long> orphans = store.orphanTopicIds();
      if (!orphans.isEmpty()) {
        LOG.info(() -> "Removing the record batches of " + orphans.size() + " deleted topics");
        orphans.forEach(this::removeBatches);
      }
    }
  }

  @PreDestroy
  void shutdown() {
    writer.stop();
    try {
      writerThread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deadlines.shutdownNow().forEach(Runnable::run);
    executor.shutdown();
  }

  /**
   * Where work chained to appends and waits resumes (a waiting poll's next round, say): bounded,
   * and it never refuses a task.
   */
  public Executor completions() {
    return executor;
  }

  /**
   * Appends records to a topic, each to the partition the partitioner chooses. The stage completes,
   * in the records' order, once every record is durable.
   */
  public CompletionStage<List<RecordMetadata>> append(String topicName, List<NewRecord> records) {
    if (records.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    writerLease.requireWriter();
    TopicMetadata topic = topics.getForProduce(topicName);
    List<PartitionLog> partitions = route(topic, records);
    CompletableFuture<List<RecordMetadata>> done = new CompletableFuture<>();
    writer.submit(new PendingAppend(topic, partitions, List.copyOf(records), done));
    answerWithinDeadline(done);
    return done.thenApply(
        appended -> {
          metrics.produced(records.size(), payloadBytes(records));
          return appended;
        });
  }

  /**
   * A producer is answered within {@code tributary.produce.timeout-ms}: when the database is stuck
   * it gets Kafka's retriable REQUEST_TIMED_OUT instead of waiting for ever. An append still queued
   * then is never written; one the writer was storing may still be.
   */
  private void answerWithinDeadline(CompletableFuture<List<RecordMetadata>> done) {
    ScheduledFuture<?> deadline =
        deadlines.schedule(
            () ->
                done.completeExceptionally(
                    new TributaryException(
                        ErrorCode.REQUEST_TIMED_OUT,
                        "The records were not acknowledged within "
                            + produceTimeoutMillis
                            + " ms (tributary.produce.timeout-ms): the database is slow or"
                            + " blocked. They may or may not be appended; retry.")),
            produceTimeoutMillis,
            TimeUnit.MILLISECONDS);
    done.whenComplete((appended, failure) -> deadline.cancel(false));
  }

  /**
   * Appends records within the caller's JTA transaction: their batches are written in it, so they
   * become visible when it commits and never if it rolls back. Until it ends they hold back the
   * last stable offset (the last stable offset) of their partitions, so no consumer skips them.
   * Returns where the records will be.
   */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public List<RecordMetadata> appendInTransaction(String topicName, List<NewRecord> records) {
    if (records.isEmpty()) {
      return List.of();
    }
    long writerEpoch = writerLease.requireWriter();
    boolean twoPhaseCommitOff = storage.preparedTransactionsDisabled();
    TopicMetadata topic = topics.getForProduce(topicName);
    List<PartitionLog> partitions = route(topic, records);
    TransactionalAppend append =
        new TransactionalAppend(topic, partitions, records, Clock.systemUTC().millis());
    try {
      store.persistInCallerTransaction(writerEpoch, append.rows());
      Transaction transaction = currentTransaction();
      transactions.registerInterposedSynchronization(
          append.onCompletion(
              (committed, woken) -> {
                openTransactions.remove(append);
                wake(woken);
                if (committed && partitions.stream().anyMatch(PartitionLog::isClosed)) {
                  // The topic was deleted before this transaction committed its rows.
                  removeBatches(topic.id());
                } else if (committed) {
                  metrics.produced(records.size(), payloadBytes(records));
                } else if (twoPhaseCommitOff) {
                  LOG.warning(
                      "A transaction that sent to '"
                          + topicName
                          + "' rolled back. PostgreSQL's max_prepared_transactions is 0, so a"
                          + " transaction that also writes to another database cannot commit;"
                          + " see the README (PostgreSQL).");
                }
              }));
      if (transaction != null) {
        openTransactions.put(append, transaction);
      }
    } catch (RuntimeException | Error e) {
      List<CompletableFuture<Void>> woken = append.abandon();
      wake(woken);
      throw e;
    }
    return append.metadata();
  }

  /**
   * Reads records from {@code offset} on, up to about {@code maxBytes} (at least one record if any
   * is there). At the last stable offset it waits up to {@code maxWait} for new data and completes
   * as soon as some arrives.
   */
  public CompletionStage<FetchResult> fetch(
      String topicName, int partition, long offset, int maxBytes, Duration maxWait) {
    PartitionLog log = existingLog(topicName, partition);
    requireInRange(log, offset);
    requirePositive(maxBytes);
    if (offset < log.lastStableOffset() || maxWait.isZero() || maxWait.isNegative()) {
      return CompletableFuture.completedFuture(read(log, offset, maxBytes));
    }
    // Arrival is signalled on container threads only (the writer's completion task, the
    // scheduler, or this caller), so the read may run on whichever signals it.
    return awaitData(List.of(log), List.of(offset), maxWait)
        .thenApply(ignored -> read(log, offset, maxBytes));
  }

  /** Reads records from {@code offset} on, without waiting; see {@link #fetch}. */
  public FetchResult read(String topicName, int partition, long offset, int maxBytes) {
    PartitionLog log = existingLog(topicName, partition);
    requireInRange(log, offset);
    requirePositive(maxBytes);
    return read(log, offset, maxBytes);
  }

  /**
   * Reads backward, for browsing from the end: the newest records below {@code endOffset}, up to
   * about {@code maxBytes} (at least one record if any is there), from the stored batch that holds
   * or precedes offset {@code endOffset - 1}, so a gap below {@code endOffset} costs one look-up.
   * {@code nextOffset} is where the next older read ends: no record lies from there up to the first
   * one returned (or up to {@code endOffset}).
   */
  public FetchResult readBefore(String topicName, int partition, long endOffset, int maxBytes) {
    PartitionLog log = existingLog(topicName, partition);
    requireInRange(log, endOffset);
    requirePositive(maxBytes);
    long logStart = log.logStartOffset();
    long lastStableOffset = log.lastStableOffset();
    List<Record> batch = new ArrayList<>();
    long from = logStart;
    if (endOffset > logStart) {
      // The cache holds every batch from its first on, so its floor batch is the stored one.
      List<EncodedBatch> cached = log.cachedFrom(endOffset - 1);
      for (EncodedBatch holding :
          cached != null ? cached.subList(0, 1) : storedBatchBelow(log, endOffset)) {
        from = Math.max(holding.baseOffset(), logStart);
        holding.readInto(batch, from, endOffset, Integer.MAX_VALUE);
      }
    }
    int first = batch.size();
    long bytes = 0;
    while (first > 0
        && (first == batch.size() || bytes + batch.get(first - 1).sizeInBytes() <= maxBytes)) {
      first--;
      bytes += batch.get(first).sizeInBytes();
    }
    List<Record> records = List.copyOf(batch.subList(first, batch.size()));
    metrics.fetched(records.size(), bytes);
    return new FetchResult(
        log.topicPartition(),
        records,
        logStart,
        lastStableOffset,
        first == 0 ? from : records.get(0).offset());
  }

  /** The stored batch that holds or precedes offset {@code endOffset - 1}, if any. */
  private List<EncodedBatch> storedBatchBelow(PartitionLog log, long endOffset) {
    int partition = log.topicPartition().partition();
    Long base = store.lastBatchBelow(log.topicId(), partition, endOffset);
    return base == null
        ? List.of()
        : store.batchesFrom(
            log.topicId(), partition, Math.max(base, log.logStartOffset()), endOffset, 1);
  }

  /**
   * Completes as soon as any of the partitions has data beyond its offset, or after {@code
   * maxWait}, holding no thread meanwhile. It fails if one of the topics is deleted meanwhile.
   */
  public CompletionStage<Void> awaitData(Map<TopicPartition, Long> offsets, Duration maxWait) {
    List<PartitionLog> partitionLogs = new ArrayList<>(offsets.size());
    List<Long> positions = new ArrayList<>(offsets.size());
    try {
      offsets.forEach(
          (partition, offset) -> {
            partitionLogs.add(existingLog(partition.topic(), partition.partition()));
            positions.add(offset);
          });
    } catch (TributaryException deleted) {
      return CompletableFuture.failedFuture(deleted);
    }
    return awaitData(partitionLogs, positions, maxWait);
  }

  private CompletableFuture<Void> awaitData(
      List<PartitionLog> partitionLogs, List<Long> offsets, Duration maxWait) {
    CompletableFuture<Void> any = new CompletableFuture<>();
    List<CompletableFuture<Void>> arrivals = new ArrayList<>(partitionLogs.size());
    for (int i = 0; i < partitionLogs.size() && !any.isDone(); i++) {
      CompletableFuture<Void> arrival = partitionLogs.get(i).awaitDataBeyond(offsets.get(i));
      arrivals.add(arrival);
      arrival.whenComplete(
          (ignored, error) -> {
            if (error == null) {
              any.complete(null);
            } else {
              any.completeExceptionally(error);
            }
          });
    }
    if (!any.isDone()) {
      ScheduledFuture<?> timeout;
      try {
        timeout =
            deadlines.schedule(() -> any.complete(null), maxWait.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException stopping) {
        any.complete(null);
        return any;
      }
      any.whenComplete((ignored, error) -> timeout.cancel(false));
    }
    // The partitions that stayed quiet drop their waiter when it is done.
    any.whenComplete((ignored, error) -> arrivals.forEach(arrival -> arrival.complete(null)));
    return any;
  }

  public PartitionOffsets offsets(String topicName, int partition) {
    PartitionLog log = existingLog(topicName, partition);
    return new PartitionOffsets(partition, log.logStartOffset(), log.lastStableOffset());
  }

  public List<PartitionOffsets> offsets(String topicName) {
    TopicMetadata topic = topics.get(topicName);
    List<PartitionOffsets> all = new ArrayList<>(topic.partitions());
    for (int partition = 0; partition < topic.partitions(); partition++) {
      PartitionLog log = log(topic, partition);
      all.add(new PartitionOffsets(partition, log.logStartOffset(), log.lastStableOffset()));
    }
    return all;
  }

  /** Bytes of the partition's stored record batches. */
  public long sizeInBytes(String topicName, int partition) {
    return existingLog(topicName, partition).sizeInBytes();
  }

  /**
   * The earliest offset in [log start, last stable offset) whose record has a timestamp at or after
   * {@code timestamp}, if any. Batches are walked in offset order until a record qualifies: a batch
   * whose newest timestamp qualifies may hold it only below the log start or at the last stable
   * offset.
   */
  public OptionalLong offsetForTimestamp(String topicName, int partition, long timestamp) {
    PartitionLog log = existingLog(topicName, partition);
    long logStart = log.logStartOffset();
    long lastStableOffset = log.lastStableOffset();
    long fromBase = 0;
    while (true) {
      List<EncodedBatch> batches =
          store.batchesWithTimestamp(
              log.topicId(),
              partition,
              timestamp,
              fromBase,
              logStart,
              lastStableOffset,
              STORE_PAGE_BATCHES);
      for (EncodedBatch batch : batches) {
        OptionalLong found = batch.firstOffsetWithTimestamp(timestamp, logStart, lastStableOffset);
        if (found.isPresent()) {
          return found;
        }
      }
      if (batches.size() < STORE_PAGE_BATCHES) {
        return OptionalLong.empty();
      }
      fromBase = batches.get(batches.size() - 1).baseOffset() + 1;
    }
  }

  public void onTopicDeleted(@Observes TopicDeleted deleted) {
    TopicMetadata topic = deleted.topic();
    recoveredLogStarts.keySet().removeIf(partition -> partition.topicId() == topic.id());
    recoveredLogEnds.keySet().removeIf(partition -> partition.topicId() == topic.id());
    TributaryException gone = TributaryException.unknownTopic(topic.name());
    for (int partition = 0; partition < topic.partitions(); partition++) {
      PartitionLog log = logs.remove(new PartitionKey(topic.id(), partition));
      if (log != null) {
        log.close(gone);
      }
    }
    removeBatches(topic.id());
  }

  /**
   * Removes a deleted topic's batches off the caller's thread, in short transactions of a bounded
   * number of rows, so that deleting a large topic never blocks the others. Asked again while it
   * runs (a commit stored rows for the topic as it was deleted), it makes one more pass.
   */
  private void removeBatches(long topicId) {
    if (topicRemovals.put(topicId, Boolean.TRUE) != null) {
      return; // the running removal sees the request and passes again
    }
    try {
      executor.execute(() -> removeBatchesNow(topicId));
    } catch (RuntimeException rejected) {
      topicRemovals.remove(topicId);
      LOG.log(Level.WARNING, "Batches of a deleted topic stay until the next start", rejected);
    }
  }

  private void removeBatchesNow(long topicId) {
    try {
      int removed = 0;
      do {
        topicRemovals.put(topicId, Boolean.FALSE);
        int chunk;
        do {
          chunk = store.deleteTopicBatches(topicId, DELETE_CHUNK_BATCHES);
          removed += chunk;
        } while (chunk > 0);
      } while (!topicRemovals.remove(topicId, Boolean.FALSE));
      store.deleteTopicOffsets(topicId);
      int total = removed;
      LOG.fine(() -> "Removed " + total + " record batches of deleted topic " + topicId);
    } catch (RuntimeException e) {
      topicRemovals.remove(topicId);
      LOG.log(Level.WARNING, "Batches of a deleted topic stay until the next start", e);
    }
  }

  /**
   * Records the end of a log whose last offsets became a gap (see {@link LogEndOffset}), off the
   * caller's thread; the log's last stable offset passes the gap once it is recorded.
   */
  private void recordLogEnd(PartitionLog log) {
    Runnable record =
        () -> {
          OptionalLong end = log.unrecordedEnd();
          if (end.isEmpty()) {
            log.endRecordFailed(); // nothing (left) to record; clears the request
            return;
          }
          try {
            store.saveLogEnd(log.topicId(), log.topicPartition().partition(), end.getAsLong());
          } catch (RuntimeException e) {
            log.endRecordFailed();
            LOG.log(
                Level.WARNING,
                "Could not record the end of "
                    + log.topicPartition()
                    + "; its last stable offset waits for the next append",
                e);
            return;
          }
          wake(log.endRecorded(end.getAsLong()));
        };
    try {
      executor.execute(record);
    } catch (RuntimeException rejected) {
      log.endRecordFailed();
    }
  }

  private FetchResult read(PartitionLog log, long offset, int maxBytes) {
    long lastStableOffset = log.lastStableOffset();
    List<Record> records = new ArrayList<>();
    long position = offset;
    int budget = maxBytes;
    while (position < lastStableOffset && budget > 0) {
      List<EncodedBatch> batches = log.cachedFrom(position);
      if (batches == null) {
        batches =
            store.batchesFrom(
                log.topicId(),
                log.topicPartition().partition(),
                position,
                lastStableOffset,
                STORE_PAGE_BATCHES);
      }
      long before = position;
      for (EncodedBatch batch : batches) {
        budget = batch.readInto(records, position, lastStableOffset, budget);
        position = Math.max(position, batch.lastOffset() + 1);
        if (budget == 0) {
          break;
        }
      }
      if (position == before) {
        // Only batches that end before the position (the cache starts at the floor batch): the
        // rest up to the last stable offset is a settled gap, not something to read again and
        // again.
        break;
      }
    }
    // Nothing stored from the offset up to the last stable offset: a gap (a rolled-back transaction
    // or
    // a failed commit), settled and empty, which the next read starts after.
    long next = records.isEmpty() ? lastStableOffset : records.get(records.size() - 1).offset() + 1;
    long bytes = 0;
    for (Record record : records) {
      bytes += record.sizeInBytes();
    }
    metrics.fetched(records.size(), bytes);
    return new FetchResult(
        log.topicPartition(), records, log.logStartOffset(), lastStableOffset, next);
  }

  /**
   * Rolls back transactions that have held their partitions' last stable offset for longer than
   * {@code tributary.transaction.max-open-ms}, as Kafka aborts a transaction past its timeout: the
   * transaction is rolled back (so it can never commit and its rows' locks go), its offsets are
   * given up and the consumers waiting behind them move on.
   */
  @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
  void abortStaleTransactions() {
    abortTransactionsOpenLongerThan(Duration.ofMillis(maxOpenTransactionMillis));
  }

  /**
   * Asks again for the ends of logs whose gap at the end could not be recorded (the database or the
   * executor refused), so that their last stable offsets do not wait for the next append.
   */
  @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
  void recordPendingLogEnds() {
    logs.values().forEach(PartitionLog::askAgain);
  }

  /** See {@link #abortStaleTransactions}; returns how many were aborted. */
  public int abortTransactionsOpenLongerThan(Duration limit) {
    long now = System.nanoTime();
    int aborted = 0;
    for (Map.Entry<TransactionalAppend, Transaction> open : openTransactions.entrySet()) {
      if (!open.getKey().openLongerThan(limit, now)) {
        continue;
      }
      try {
        // Rolled back from here: its rows and their locks go now, and its completion gives the
        // offsets up; the owner's later commit fails.
        open.getValue().rollback();
      } catch (IllegalStateException | SystemException completing) {
        continue; // already committing or ending: its own completion settles it
      }
      openTransactions.remove(open.getKey());
      wake(open.getKey().abandon());
      aborted++;
      LOG.warning(
          () ->
              "Rolled back a transaction that held its partitions open longer than "
                  + limit.toMillis()
                  + " ms (tributary.transaction.max-open-ms)");
    }
    return aborted;
  }

  private Transaction currentTransaction() {
    try {
      return ((TransactionManager) new InitialContext().lookup(TRANSACTION_MANAGER))
          .getTransaction();
    } catch (NamingException | SystemException | ClassCastException e) {
      LOG.log(Level.FINE, "No transaction manager to bound open transactions with", e);
      return null;
    }
  }

  /** Wakes fetches off the caller's thread, or on it when the pool is full (back-pressure). */
  private void wake(List<CompletableFuture<Void>> woken) {
    if (woken.isEmpty()) {
      return;
    }
    executor.execute(() -> woken.forEach(waiter -> waiter.complete(null)));
  }

  /** Validates every record and chooses its partition, before anything is appended. */
  private List<PartitionLog> route(TopicMetadata topic, List<NewRecord> records) {
    int maxMessageBytes = topic.config().maxMessageBytes();
    int sticky = partitioner.stickyPartition(topic);
    long now = Clock.systemUTC().millis();
    List<PartitionLog> partitions = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      NewRecord record = records.get(i);
      validate(topic, record, i, maxMessageBytes, now);
      int partition = partitioner.partition(topic, record.partition(), record.key(), sticky);
      partitions.add(log(topic, partition));
    }
    return partitions;
  }

  private static long payloadBytes(List<NewRecord> records) {
    long bytes = 0;
    for (NewRecord record : records) {
      bytes += record.payloadBytes();
    }
    return bytes;
  }

  private static void requirePositive(int maxBytes) {
    if (maxBytes <= 0) {
      throw new TributaryException(
          ErrorCode.INVALID_REQUEST, "max_bytes must be positive, was " + maxBytes + ".");
    }
  }

  private void requireInRange(PartitionLog log, long offset) {
    if (offset < log.logStartOffset() || offset > log.lastStableOffset()) {
      throw new TributaryException(
          ErrorCode.OFFSET_OUT_OF_RANGE,
          "Offset "
              + offset
              + " is out of range for "
              + log.topicPartition()
              + ": valid offsets are "
              + log.logStartOffset()
              + " to "
              + log.lastStableOffset()
              + ".");
    }
  }

  private static void validate(
      TopicMetadata topic, NewRecord record, int index, int maxMessageBytes, long now) {
    if (record.key() == null && topic.config().compacted()) {
      throw new TributaryException(
          ErrorCode.INVALID_RECORD,
          "Record "
              + index
              + " has no key, but topic '"
              + topic.name()
              + "' is compacted (cleanup.policy="
              + topic.config().get(TopicConfigKey.CLEANUP_POLICY)
              + "): compaction keeps the latest record per key, so every record needs one."
              + " Nothing was appended.");
    }
    if (record.timestamp() != null && record.timestamp() < 0) {
      throw new TributaryException(
          ErrorCode.INVALID_RECORD,
          "Record " + index + " has a negative timestamp (" + record.timestamp() + ").");
    }
    if (record.timestamp() != null && !topic.config().acceptsTimestamp(record.timestamp(), now)) {
      throw new TributaryException(
          ErrorCode.INVALID_TIMESTAMP,
          "Record "
              + index
              + " has timestamp "
              + record.timestamp()
              + ", out of range for topic '"
              + topic.name()
              + "' at broker time "
              + now
              + ": it may be at most "
              + topic.config().get(TopicConfigKey.MESSAGE_TIMESTAMP_BEFORE_MAX_MS)
              + " ms before (message.timestamp.before.max.ms) and "
              + topic.config().get(TopicConfigKey.MESSAGE_TIMESTAMP_AFTER_MAX_MS)
              + " ms after (message.timestamp.after.max.ms). Nothing was appended.");
    }
    int size = BatchBuilder.singleRecordBatchSize(record.key(), record.value(), record.headers());
    if (size > maxMessageBytes) {
      throw new TributaryException(
          ErrorCode.RECORD_TOO_LARGE,
          "Record "
              + index
              + " is "
              + size
              + " bytes as a batch, larger than max.message.bytes="
              + maxMessageBytes
              + " of topic '"
              + topic.name()
              + "'. Nothing was appended.");
    }
  }

  /**
   * The topic's partition logs, for retention, compaction and DeleteRecords. Public because {@link
   * LogCleanup} calls it through this bean's EJB view, which refuses non-public methods (and whose
   * proxy needs {@link PartitionLog} to be a public type; its members stay package-private).
   */
  public List<PartitionLog> logsOf(TopicMetadata topic) {
    List<PartitionLog> all = new ArrayList<>(topic.partitions());
    for (int partition = 0; partition < topic.partitions(); partition++) {
      all.add(log(topic, partition));
    }
    return all;
  }

  /** The partition's log; public for {@link LogCleanup}, see {@link #logsOf}. */
  public PartitionLog existingLog(String topicName, int partition) {
    TopicMetadata topic = topics.get(topicName);
    if (!topic.hasPartition(partition)) {
      throw TributaryException.unknownPartition(topic.name(), partition, topic.partitions());
    }
    return log(topic, partition);
  }

  private PartitionLog log(TopicMetadata topic, int partition) {
    PartitionKey key = new PartitionKey(topic.id(), partition);
    PartitionLog log = logs.get(key);
    if (log != null) {
      return log;
    }
    log =
        logs.computeIfAbsent(
            key,
            k -> {
              long start = recoveredLogStarts.getOrDefault(k, 0L);
              return new PartitionLog(
                  topic.id(),
                  topic.partition(partition),
                  start,
                  Math.max(start, recoveredLogEnds.getOrDefault(k, 0L)),
                  0,
                  tailCacheBytes,
                  tailCacheBudget,
                  store,
                  this::recordLogEnd);
            });
    if (topics.find(topic.name()).filter(current -> current.id() == topic.id()).isEmpty()) {
      // The topic was deleted while this request held its metadata: no log may outlive it.
      // (A log that existed before the deletion is closed by it; the writer refuses those.)
      logs.remove(key, log);
      throw TributaryException.unknownTopic(topic.name());
    }
    return log;
  }

  private record PartitionKey(long topicId, int partition) {}
}
