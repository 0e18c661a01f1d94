package org.tributary.log;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicDeleted;
import org.tributary.topic.TopicMetadata;

/**
 * Keeps logs bounded by their {@code cleanup.policy}, as Kafka's log manager schedules it: the
 * retention check ({@link LogRetention}, delete) and the log cleaner's compaction ({@link
 * LogCompaction}, compact) on a schedule ({@link CleanupSchedule}); DeleteRecords on request
 * ({@link RecordDeletion}); the last run of each per topic ({@link CleaningHistory}). Every change
 * to stored batches goes through the partition's {@link PartitionLog}.
 *
 * <p>Concurrency: bean-managed. Scheduled and requested retention and compaction runs take {@link
 * #runs} one at a time; DeleteRecords does not wait for them, the partition's log keeps the two
 * from interleaving.
 */
@Singleton
@Startup
@DependsOn("PartitionLogs")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LogCleanup {

  private static final Logger LOG = Logger.getLogger(LogCleanup.class.getName());

  @Inject PartitionLogs logs;
  @Inject TopicCatalog topics;
  @Inject BatchStore store;
  @Inject LogMetrics metrics;

  /** Kafka's {@code log.retention.check.interval.ms}. */
  @Inject
  @ConfigProperty(name = "tributary.log.retention.check.interval.ms", defaultValue = "300000")
  long retentionCheckIntervalMs;

  /** Kafka's {@code log.cleaner.backoff.ms}: the pause between compaction runs. */
  @Inject
  @ConfigProperty(name = "tributary.log.cleaner.backoff.ms", defaultValue = "15000")
  long cleanerBackoffMs;

  /** When the first retention check and compaction run come after start (Kafka: 30 s). */
  @Inject
  @ConfigProperty(name = "tributary.log.cleaner.initial.delay.ms", defaultValue = "30000")
  long initialDelayMs;

  /** Kafka's {@code log.cleaner.enable}. */
  @Inject
  @ConfigProperty(name = "tributary.log.cleaner.enable", defaultValue = "true")
  boolean cleanerEnabled;

  /** Kafka's {@code log.cleaner.dedupe.buffer.size}: memory for one compaction's key map. */
  @Inject
  @ConfigProperty(name = "tributary.log.cleaner.dedupe.buffer.size", defaultValue = "134217728")
  long dedupeBufferBytes;

  private final ReentrantLock runs = new ReentrantLock();
  private volatile CleanupSchedule schedule;
  private volatile CleaningHistory history;
  private volatile LogRetention retention;
  private volatile LogCompaction compaction;
  private volatile RecordDeletion deletion;

  @PostConstruct
  void start() {
    Clock clock = Clock.systemUTC();
    schedule =
        new CleanupSchedule(
            System::nanoTime,
            Duration.ofMillis(initialDelayMs),
            Duration.ofMillis(retentionCheckIntervalMs),
            Duration.ofMillis(cleanerBackoffMs),
            cleanerEnabled);
    history = new CleaningHistory(metrics::removed);
    retention = new LogRetention(this::logsOf, history, clock);
    compaction = new LogCompaction(this::logsOf, store, dedupeBufferBytes, history, clock);
    deletion =
        new RecordDeletion(
            topics::get,
            logs::existingLog,
            (topic, moves) -> store.saveLogStarts(topic.id(), topic.name(), moves),
            history,
            clock);
  }

  /** Every second: starts the retention check and the compaction run when they are due. */
  @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
  void tick() {
    if (!runs.tryLock()) {
      return; // the previous run is still going
    }
    try {
      schedule.runDue(this::runRetention, this::runCompaction);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Log cleaning failed; it runs again at its next turn", e);
    } finally {
      runs.unlock();
    }
  }

  /** Applies every topic's retention now; returns the runs, by topic name. */
  public Map<String, CleaningRun> runRetention() {
    return forEachTopic("Retention", retention::apply);
  }

  /** Compacts every compacted topic's partitions that are due; returns the runs, by topic name. */
  public Map<String, CleaningRun> runCompaction() {
    return forEachTopic("Compaction", compaction::apply);
  }

  /**
   * Kafka's DeleteRecords: see {@link RecordDeletion#deleteRecords}.
   *
   * @return each partition's log start offset (Kafka's low watermark) afterwards
   */
  public Map<Integer, Long> deleteRecords(
      String topicName, Map<Integer, Long> beforeOffsets, String by) {
    return deletion.deleteRecords(topicName, beforeOffsets, by);
  }

  /** The last runs on a topic since the broker started. */
  public TopicCleaning lastRuns(String topicName) {
    return history.lastRuns(topics.get(topicName).id());
  }

  public void onTopicDeleted(@Observes TopicDeleted deleted) {
    history.forget(deleted.topic().id());
  }

  /** One run over every topic, one at a time; a topic's failure is logged and the next goes on. */
  private Map<String, CleaningRun> forEachTopic(
      String what, Function<TopicMetadata, Optional<CleaningRun>> run) {
    Map<String, CleaningRun> done = new LinkedHashMap<>();
    runs.lock();
    try {
      for (TopicMetadata topic : topics.all()) {
        try {
          run.apply(topic).ifPresent(finished -> done.put(topic.name(), finished));
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, what + " of topic " + topic.name() + " failed; next time", e);
        }
      }
    } finally {
      runs.unlock();
    }
    return done;
  }

  private List<PartitionLog> logsOf(TopicMetadata topic) {
    try {
      return logs.logsOf(topic);
    } catch (TributaryException deleted) {
      return List.of(); // the topic went while the run was on its way to it
    }
  }
}
