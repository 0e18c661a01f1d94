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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.lease.WriterClaimed;
import org.tributary.lease.WriterEpoch;
import org.tributary.lease.WriterLease;
import org.tributary.storage.Storage;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicDeleted;
import org.tributary.topic.TopicMetadata;
import org.tributary.topic.TopicPartition;

/**
 * The partitioned logs' boundary: wires the plain classes that do the work to the container (its
 * configuration, threads, transactions, timers and events). Appends go through {@link LogAppender}
 * or {@link TransactionalAppends}, reads through {@link LogReader} (waiting in {@link
 * DelayedFetches}), offset look-ups through {@link OffsetLookups}; {@link LogRecovery} rebuilds the
 * {@link OpenLogs} at start.
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

  /** Payara's (GlassFish's) transaction manager; Jakarta EE names none. */
  private static final String TRANSACTION_MANAGER = "java:appserver/TransactionManager";

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

  @Inject
  @ConfigProperty(name = "tributary.completions.threads", defaultValue = "16")
  int completionThreads;

  @Inject
  @ConfigProperty(name = "tributary.completions.queue-capacity", defaultValue = "10000")
  int completionQueueCapacity;

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

  /** Acknowledgements, wake-ups and resumed polls: never Payara's shared default executor. */
  private CompletionExecutor executor;

  /** Ends the waits of fetches, polls and produces at their deadline; its tasks only complete. */
  private ScheduledThreadPoolExecutor deadlines;

  private TailCacheBudget tailCacheBudget;
  private OpenLogs openLogs;
  private LogEndRecorder logEnds;
  private TopicLogRemoval topicLogRemoval;
  private LogAppender appender;
  private TransactionalAppends transactionalAppends;
  private OpenTransactions openTransactions;
  private LogReader reader;
  private OffsetLookups offsetLookups;

  @PostConstruct
  void start() {
    Clock clock = Clock.systemUTC();
    tailCacheBudget = new TailCacheBudget(tailCacheTotalBytes);
    executor =
        new CompletionExecutor(
            threadFactory, Math.max(1, completionThreads), Math.max(1, completionQueueCapacity));
    deadlines =
        new ScheduledThreadPoolExecutor(
            1, CompletionExecutor.named(threadFactory, "tributary-deadlines-"));
    deadlines.setRemoveOnCancelPolicy(true);
    deadlines.prestartAllCoreThreads();
    DelayedFetches delayedFetches = new DelayedFetches(deadlines, executor);
    logEnds = new LogEndRecorder(store, executor, delayedFetches);
    topicLogRemoval = new TopicLogRemoval(store, executor);
    openLogs = new OpenLogs(topics::find);
    if (writerLease.isWriter()) {
      store.addMissingIndexes();
      store.deleteOrphanOffsets();
    }
    recover();
    // The epoch and the topics are read on every append: directly, without a container call.
    WriterEpoch epoch = writerLease.epoch();
    Map<String, TopicMetadata> topicsByName = topics.byName();
    ProduceRouting routing =
        new ProduceRouting(
            epoch::require,
            name -> {
              TopicMetadata known = topicsByName.get(name);
              return known != null ? known : topics.getForProduce(name);
            },
            openLogs,
            clock);
    appender =
        new LogAppender(
            new GroupCommitWriter(
                rows -> store.persist(epoch.require(), rows),
                store::isStored,
                topicLogRemoval::remove,
                clock,
                appendQueueCapacity,
                maxQueuedBytes,
                Math.max(1, maxAppendsPerCommit),
                executor),
            routing,
            deadlines,
            produceTimeoutMillis,
            metrics);
    openTransactions =
        new OpenTransactions(
            transactions, PartitionLogs::currentTransaction, System::nanoTime, delayedFetches);
    transactionalAppends =
        new TransactionalAppends(
            routing,
            store,
            openTransactions,
            topicLogRemoval,
            metrics,
            storage::preparedTransactionsDisabled,
            clock);
    reader = new LogReader(openLogs, store, delayedFetches, metrics);
    offsetLookups = new OffsetLookups(openLogs, store);
    appender.start(threadFactory);
  }

  /** Reads every partition's log state from the database; the writer also sweeps deleted topics. */
  private List<PartitionLog> recover() {
    LogRecovery recovery =
        new LogRecovery(
            store.logStarts(),
            store.logEnds(),
            tailCacheBytes,
            tailCacheBudget,
            store,
            logEnds::record);
    List<PartitionLog> replaced = openLogs.recover(recovery, topics.all(), store.extents());
    if (writerLease.isWriter()) {
      topicLogRemoval.removeOrphans(store.orphanTopicIds());
    }
    return replaced;
  }

  /**
   * This server took over writing from another one, which appended meanwhile: the logs are read
   * again from the database before this server appends (it appended nothing while it did not
   * write). Fetches waiting on the old state are answered with a retriable error.
   */
  public void onWriterClaimed(@Observes WriterClaimed claimed) {
    topics.load();
    TributaryException moved =
        new TributaryException(
            ErrorCode.NOT_LEADER_OR_FOLLOWER,
            "This server took over writing to its database; fetch again.");
    recover().forEach(log -> log.close(moved));
  }

  public void onTopicDeleted(@Observes TopicDeleted deleted) {
    openLogs.close(deleted.topic());
    topicLogRemoval.remove(deleted.topic().id());
  }

  @PreDestroy
  void shutdown() {
    appender.stop(Duration.ofSeconds(30));
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
   * Appends outside transactions ({@link LogAppender#append}). Callers keep it and call it
   * directly: a call through this bean's container view costs more than queueing an append.
   */
  public LogAppender appender() {
    return appender;
  }

  /** See {@link TransactionalAppends}; returns where the records will be. */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public List<RecordMetadata> appendInTransaction(String topicName, List<NewRecord> records) {
    return transactionalAppends.append(topicName, records);
  }

  /** See {@link LogReader#fetch}. */
  public CompletionStage<FetchResult> fetch(
      String topicName, int partition, long offset, int maxBytes, Duration maxWait) {
    return reader.fetch(topicName, partition, offset, maxBytes, maxWait);
  }

  /** See {@link LogReader#readBatches}: whole stored batches for a Kafka fetch. */
  public LogReadResult readBatches(
      String topicName, int partition, long offset, int maxBytes, boolean minOneBatch) {
    return reader.readBatches(topicName, partition, offset, maxBytes, minOneBatch);
  }

  /** Counts what a Kafka fetch sends, once, whatever it read while it waited. */
  public void fetchSent(List<LogReadResult> reads) {
    reader.sent(reads);
  }

  /** See {@link LogReader#read}. */
  public FetchResult read(String topicName, int partition, long offset, int maxBytes) {
    return reader.read(topicName, partition, offset, maxBytes);
  }

  /** See {@link LogReader#readBefore}. */
  public FetchResult readBefore(String topicName, int partition, long endOffset, int maxBytes) {
    return reader.readBefore(topicName, partition, endOffset, maxBytes);
  }

  /** See {@link LogReader#awaitData}: the consumer long poll. */
  public CompletionStage<Void> awaitData(Map<TopicPartition, Long> offsets, Duration maxWait) {
    return reader.awaitData(offsets, maxWait);
  }

  public PartitionOffsets offsets(String topicName, int partition) {
    return offsetLookups.offsets(topicName, partition);
  }

  public List<PartitionOffsets> offsets(String topicName) {
    return offsetLookups.offsets(topicName);
  }

  /** Bytes of the partition's stored record batches. */
  public long sizeInBytes(String topicName, int partition) {
    return offsetLookups.sizeInBytes(topicName, partition);
  }

  /** See {@link OffsetLookups#offsetForTimestamp}. */
  public OptionalLong offsetForTimestamp(String topicName, int partition, long timestamp) {
    return offsetLookups.offsetForTimestamp(topicName, partition, timestamp);
  }

  /** See {@link OffsetLookups#timestampAndOffset}. */
  public Optional<TimestampAndOffset> timestampAndOffset(
      String topicName, int partition, long timestamp) {
    return offsetLookups.timestampAndOffset(topicName, partition, timestamp);
  }

  /** See {@link OffsetLookups#maxTimestampAndOffset}. */
  public Optional<TimestampAndOffset> maxTimestampAndOffset(String topicName, int partition) {
    return offsetLookups.maxTimestampAndOffset(topicName, partition);
  }

  /**
   * Rolls back transactions that have held their partitions' last stable offset for longer than
   * {@code tributary.transaction.max-open-ms}, as Kafka aborts a transaction past its timeout.
   */
  @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
  void abortStaleTransactions() {
    abortTransactionsOpenLongerThan(Duration.ofMillis(maxOpenTransactionMillis));
  }

  /** See {@link OpenTransactions#abortOpenLongerThan}. */
  public int abortTransactionsOpenLongerThan(Duration limit) {
    return openTransactions.abortOpenLongerThan(limit);
  }

  /**
   * Asks again for the ends of logs whose gap at the end could not be recorded (the database or the
   * executor refused), so that their last stable offsets do not wait for the next append.
   */
  @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
  void recordPendingLogEnds() {
    openLogs.all().forEach(PartitionLog::askAgain);
  }

  /**
   * The topic's partition logs, for retention, compaction and DeleteRecords. Public because {@link
   * LogCleanup} calls it through this bean's EJB view, which refuses non-public methods (and whose
   * proxy needs {@link PartitionLog} to be a public type; its members stay package-private).
   */
  public List<PartitionLog> logsOf(TopicMetadata topic) {
    return openLogs.logsOf(topic);
  }

  /** The partition's log; public for {@link LogCleanup}, see {@link #logsOf}. */
  public PartitionLog existingLog(String topicName, int partition) {
    return openLogs.existing(topicName, partition);
  }

  private static Transaction currentTransaction() {
    try {
      return ((TransactionManager) new InitialContext().lookup(TRANSACTION_MANAGER))
          .getTransaction();
    } catch (NamingException | SystemException | ClassCastException e) {
      LOG.log(Level.FINE, "No transaction manager to bound open transactions with", e);
      return null;
    }
  }
}
