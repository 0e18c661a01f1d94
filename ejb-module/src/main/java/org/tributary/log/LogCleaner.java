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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.log.CleaningRun.Kind;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicDeleted;
import org.tributary.topic.TopicMetadata;

/**
 * Keeps logs bounded, as Kafka's log manager and log cleaner do: retention ({@code retention.ms},
 * {@code retention.bytes}) removes the oldest whole batches and moves the log start offset;
 * compaction ({@code cleanup.policy=compact}) rewrites batches to keep the latest record per key;
 * DeleteRecords moves a log start offset on request.
 *
 * <p>Never blocking producers or consumers: every change to stored batches is a short transaction
 * of its own (up to {@value #READ_PAGE} rewritten batches, or up to {@value #DELETE_CHUNK} removed
 * ones); the batch holding a partition's last record is never touched, so appends never meet the
 * cleaner's rows, and fetches wait at most for one such transaction. A fetch that already holds a
 * batch's old bytes reads them whole: a rewrite only leaves out records that a newer one for the
 * same key supersedes.
 *
 * <p>Concurrency: bean-managed. Scheduled and requested runs take {@link #runs} one at a time; each
 * step that changes a partition's batches holds that partition's maintenance lock, which
 * DeleteRecords holds for its (short) whole, so the two never interleave on a partition.
 */
@Singleton
@Startup
@DependsOn("PartitionLogs")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LogCleaner {

  private static final Logger LOG = Logger.getLogger(LogCleaner.class.getName());
  private static final int DELETE_CHUNK = 100;
  private static final int READ_PAGE = 16;

  /** DeleteRecords removes up to this many chunks at once; retention takes the rest. */
  private static final int DELETE_RECORDS_CHUNKS = 10;

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
  private final Map<Long, TopicCleaning> lastRuns = new ConcurrentHashMap<>();
  private final Clock clock = Clock.systemUTC();
  private volatile CleanerSchedule schedule;

  @PostConstruct
  void schedule() {
    schedule =
        new CleanerSchedule(
            System::nanoTime,
            Duration.ofMillis(initialDelayMs),
            Duration.ofMillis(retentionCheckIntervalMs),
            Duration.ofMillis(cleanerBackoffMs));
  }

  /** Every second: starts the retention check and the compaction run when they are due. */
  @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
  void tick() {
    if (!runs.tryLock()) {
      return; // the previous run is still going
    }
    try {
      if (schedule.retentionDue()) {
        runRetention();
      }
      if (cleanerEnabled && schedule.compactionDue()) {
        runCompaction();
        schedule.compactionDone();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Log cleaning failed; it runs again at its next turn", e);
    } finally {
      runs.unlock();
    }
  }

  /** Applies every topic's retention now; returns the runs, by topic name. */
  public Map<String, CleaningRun> runRetention() {
    return forEachTopic("Retention", this::applyRetention);
  }

  /** Compacts every compacted topic's partitions that are due; returns the runs, by topic name. */
  public Map<String, CleaningRun> runCompaction() {
    return forEachTopic("Compaction", this::compact);
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

  private Optional<CleaningRun> applyRetention(TopicMetadata topic) {
    long started = clock.millis();
    boolean deletes = topic.config().deletesOldRecords();
    Removal removed = Removal.NONE;
    for (PartitionLog log : logsOf(topic)) {
      RetentionWalk walk =
          deletes
              ? new RetentionWalk(
                  log.logStartOffset(),
                  topic.config().retentionMs(),
                  topic.config().retentionBytes(),
                  log.sizeInBytes(),
                  started)
              : RetentionWalk.belowLogStart(log.logStartOffset());
      removed = removed.plus(trim(log, walk, Integer.MAX_VALUE));
    }
    if (!deletes && removed.batches() == 0) {
      return Optional.empty();
    }
    return Optional.of(record(topic, removed.asRun(Kind.RETENTION, started, null)));
  }

  private Optional<CleaningRun> compact(TopicMetadata topic) {
    if (!topic.config().compacted()) {
      return Optional.empty();
    }
    long started = clock.millis();
    Removal removed = null;
    for (PartitionLog log : logsOf(topic)) {
      Removal compacted = compact(topic, log);
      if (compacted != null) {
        removed = removed == null ? compacted : removed.plus(compacted);
      }
    }
    return Optional.ofNullable(removed)
        .map(run -> record(topic, run.asRun(Kind.COMPACTION, started, null)));
  }

  /**
   * Kafka's DeleteRecords: each partition's log start offset moves up to the given offset ({@code
   * -1}: the last stable offset), so records below it are no longer readable, and the whole batches
   * below it are removed. Every partition and offset is checked before anything changes.
   *
   * @return each partition's log start offset (Kafka's low watermark) afterwards
   */
  public Map<Integer, Long> deleteRecords(
      String topicName, Map<Integer, Long> beforeOffsets, String by) {
    TopicMetadata topic = topics.get(topicName);
    if (!topic.config().deletesOldRecords()) {
      throw new TributaryException(
          ErrorCode.POLICY_VIOLATION,
          "Records of topic '"
              + topic.name()
              + "' cannot be deleted: its cleanup.policy is compact, which keeps the latest"
              + " record of every key (as Kafka, DeleteRecords needs delete or compact,delete).");
    }
    Map<PartitionLog, Long> targets = new LinkedHashMap<>();
    beforeOffsets.forEach(
        (partition, offset) -> {
          PartitionLog log = logs.existingLog(topic.name(), partition);
          targets.put(log, target(log, offset));
        });
    long started = clock.millis();
    Map<Integer, Long> lowWatermarks = new LinkedHashMap<>();
    Removal removed = Removal.NONE;
    for (Map.Entry<PartitionLog, Long> target : targets.entrySet()) {
      PartitionLog log = target.getKey();
      boolean moved;
      log.maintenance().lock();
      try {
        moved = target.getValue() > log.logStartOffset();
        if (moved) {
          store.saveLogStart(log.topicId(), log.topicPartition().partition(), target.getValue());
          log.advanceLogStart(target.getValue());
        }
      } finally {
        log.maintenance().unlock();
      }
      if (moved) {
        // The records are unreadable now; a huge backlog of batches goes at the next check.
        removed =
            removed.plus(
                trim(
                    log, RetentionWalk.belowLogStart(log.logStartOffset()), DELETE_RECORDS_CHUNKS));
      }
      lowWatermarks.put(log.topicPartition().partition(), log.logStartOffset());
    }
    CleaningRun run = record(topic, removed.asRun(Kind.DELETE_RECORDS, started, by));
    LOG.info(
        () ->
            by
                + " deleted the records of "
                + topic.name()
                + " below "
                + lowWatermarks
                + " (partition=log start offset): "
                + run.batchesRemoved()
                + " batches, "
                + run.bytesRemoved()
                + " bytes removed");
    return lowWatermarks;
  }

  /** The last runs on a topic since the broker started. */
  public TopicCleaning lastRuns(String topicName) {
    return lastRuns.getOrDefault(topics.get(topicName).id(), TopicCleaning.NONE);
  }

  public void onTopicDeleted(@Observes TopicDeleted deleted) {
    lastRuns.remove(deleted.topic().id());
  }

  private static long target(PartitionLog log, long offset) {
    long lastStableOffset = log.lastStableOffset();
    if (offset == -1) {
      return lastStableOffset;
    }
    if (offset < 0 || offset > lastStableOffset) {
      throw new TributaryException(
          ErrorCode.OFFSET_OUT_OF_RANGE,
          "Cannot delete the records of "
              + log.topicPartition()
              + " before offset "
              + offset
              + ": it must be between 0 and the last stable offset "
              + lastStableOffset
              + " (or -1 for the last stable offset). Nothing was deleted.");
    }
    return offset;
  }

  /**
   * Removes the oldest batches that the walk lets go, up to {@code maxChunks} chunks of {@value
   * #DELETE_CHUNK}, never the batch holding the last record. For each chunk the log start offset is
   * recorded and moved past it first, so no fetch is sent to a batch that is going; the partition's
   * maintenance lock is held per chunk.
   */
  private Removal trim(PartitionLog log, RetentionWalk walk, int maxChunks) {
    long topicId = log.topicId();
    int partition = log.topicPartition().partition();
    Long lastBatch = store.lastBatchBelow(topicId, partition, log.lastStableOffset());
    Removal removed = Removal.NONE;
    long from = Long.MIN_VALUE;
    for (int chunk = 0; lastBatch != null && chunk < maxChunks; chunk++) {
      Removal chunkRemoved;
      log.maintenance().lock();
      try {
        List<BatchSummary> page =
            store.summaries(topicId, partition, from, lastBatch, DELETE_CHUNK);
        List<BatchSummary> doomed = new ArrayList<>();
        for (BatchSummary batch : page) {
          if (!walk.removes(batch)) {
            break;
          }
          doomed.add(batch);
        }
        if (doomed.isEmpty()) {
          return removed;
        }
        chunkRemoved = remove(log, doomed);
        if (doomed.size() < page.size() || page.size() < DELETE_CHUNK) {
          return removed.plus(chunkRemoved);
        }
        from = doomed.get(doomed.size() - 1).baseOffset() + 1;
      } finally {
        log.maintenance().unlock();
      }
      removed = removed.plus(chunkRemoved);
    }
    return removed;
  }

  /** Removes consecutive oldest batches; the caller holds the partition's maintenance lock. */
  private Removal remove(PartitionLog log, List<BatchSummary> doomed) {
    long bytes = 0;
    long records = 0;
    long newLogStart = log.logStartOffset();
    for (BatchSummary batch : doomed) {
      bytes += batch.sizeInBytes();
      records += batch.recordCount();
      newLogStart = Math.max(newLogStart, batch.lastOffset() + 1);
    }
    long topicId = log.topicId();
    int partition = log.topicPartition().partition();
    // Recorded first: whatever fails after, a restart never brings the records back.
    store.saveLogStart(topicId, partition, newLogStart);
    log.advanceLogStart(newLogStart);
    store.delete(
        topicId, partition, doomed.get(0).baseOffset(), doomed.get(doomed.size() - 1).baseOffset());
    log.removed(bytes);
    return new Removal(doomed.size(), 0, records, bytes);
  }

  /**
   * Compacts the partition if its records written since the last compaction make up at least {@code
   * min.cleanable.dirty.ratio} of its cleanable part, or a kept tombstone's time is up; returns
   * {@code null} when it was not due.
   */
  private Removal compact(TopicMetadata topic, PartitionLog log) {
    long topicId = log.topicId();
    int partition = log.topicPartition().partition();
    long now = clock.millis();
    long lastStableOffset = log.lastStableOffset();
    if (log.nothingToCompact(now)) {
      return null;
    }
    Long lastBatch = store.lastBatchBelow(topicId, partition, lastStableOffset);
    if (lastBatch == null) {
      return null;
    }
    CleanableRange range = cleanableRange(topic, log, lastBatch, now);
    if (range.totalBytes() == 0
        || (range.dirtyRatio() <= topic.config().minCleanableDirtyRatio()
            && log.tombstoneHorizon() > now)) {
      return null;
    }
    OffsetMap latest = new OffsetMap(dedupeBufferBytes);
    long cleanUpTo = range.end();
    long position = Math.max(log.cleanedUpTo(), log.logStartOffset());
    while (position < cleanUpTo && !latest.isFull()) {
      List<EncodedBatch> page =
          store.batchesFrom(topicId, partition, position, cleanUpTo, READ_PAGE);
      if (page.isEmpty()) {
        break;
      }
      for (EncodedBatch batch : page) {
        if (latest.isFull()) {
          break;
        }
        latest.addAll(batch);
        position = batch.lastOffset() + 1;
      }
    }
    if (latest.isFull()) {
      // The map holds the keys up to here: clean up to here now, the rest next time.
      cleanUpTo = Math.min(cleanUpTo, position);
    }
    Removal removed = Removal.NONE;
    long horizon = BatchCompaction.NO_HORIZON;
    // Capped so that now + delete.retention.ms (the tombstones' horizon) cannot overflow.
    long deleteRetentionMs = Math.min(topic.config().deleteRetentionMs(), Long.MAX_VALUE - now);
    position = log.logStartOffset();
    while (position < cleanUpTo) {
      List<EncodedBatch> page =
          store.batchesFrom(topicId, partition, position, cleanUpTo, READ_PAGE);
      if (page.isEmpty()) {
        break;
      }
      Map<EncodedBatch, BatchCompaction.Result> changed = new LinkedHashMap<>();
      for (EncodedBatch batch : page) {
        position = batch.lastOffset() + 1;
        BatchCompaction.Result compacted =
            BatchCompaction.compact(batch, latest, now, deleteRetentionMs);
        horizon = Math.min(horizon, compacted.tombstoneHorizon());
        if (compacted.batch() != batch) {
          changed.put(batch, compacted);
        }
      }
      removed = removed.plus(store(log, changed));
    }
    // Only a run that reached the active tail may skip the partition until new records arrive:
    // one cut short by the key map or min.compaction.lag.ms has more to do as time passes.
    boolean complete = cleanUpTo == lastBatch;
    log.compacted(cleanUpTo, horizon, complete ? lastStableOffset : -1);
    return removed;
  }

  /** Stores one page of compacted batches in a transaction of its own. */
  private Removal store(PartitionLog log, Map<EncodedBatch, BatchCompaction.Result> changed) {
    if (changed.isEmpty()) {
      return Removal.NONE;
    }
    log.maintenance().lock();
    try {
      Map<Long, EncodedBatch> replacements = new LinkedHashMap<>();
      changed.forEach(
          (batch, compacted) -> {
            if (batch.lastOffset() >= log.logStartOffset()) { // else DeleteRecords took it
              replacements.put(batch.baseOffset(), compacted.batch());
            }
          });
      List<Long> stored =
          store.replace(
              log.topicId(), log.topicPartition().partition(), replacements, log.logStartOffset());
      Removal removed = Removal.NONE;
      for (Map.Entry<EncodedBatch, BatchCompaction.Result> change : changed.entrySet()) {
        EncodedBatch batch = change.getKey();
        EncodedBatch kept = change.getValue().batch();
        if (stored.contains(batch.baseOffset())) {
          long freed = batch.bytes().length - (kept == null ? 0 : kept.bytes().length);
          log.rewritten(batch.baseOffset(), freed);
          removed =
              removed.plus(
                  new Removal(
                      kept == null ? 1 : 0,
                      kept == null ? 0 : 1,
                      change.getValue().recordsRemoved(),
                      freed));
        }
      }
      return removed;
    } finally {
      log.maintenance().unlock();
    }
  }

  /**
   * Where compaction may work: from the log start up to the batch holding the last record (the
   * active tail) or the first batch of the new records younger than {@code min.compaction.lag.ms},
   * whichever comes first; and how much of it was written since the last compaction.
   */
  private CleanableRange cleanableRange(
      TopicMetadata topic, PartitionLog log, long lastBatch, long now) {
    long youngerThan = now - topic.config().minCompactionLagMs();
    long dirtyFrom = log.cleanedUpTo();
    long end = lastBatch;
    long total = 0;
    long dirty = 0;
    long from = log.logStartOffset();
    List<BatchSummary> page;
    do {
      page = store.summaries(log.topicId(), log.topicPartition().partition(), from, end, 256);
      for (BatchSummary batch : page) {
        if (batch.lastOffset() < log.logStartOffset()) {
          from = batch.baseOffset() + 1; // retention's to remove
          continue;
        }
        boolean isDirty = batch.lastOffset() >= dirtyFrom;
        if (isDirty && batch.maxTimestamp() > youngerThan) {
          end = batch.baseOffset();
          break;
        }
        total += batch.sizeInBytes();
        dirty += isDirty ? batch.sizeInBytes() : 0;
        from = batch.baseOffset() + 1;
      }
    } while (page.size() == 256 && from < end);
    return new CleanableRange(end, total, dirty);
  }

  private List<PartitionLog> logsOf(TopicMetadata topic) {
    try {
      return logs.logsOf(topic);
    } catch (TributaryException deleted) {
      return List.of(); // the topic went while the run was on its way to it
    }
  }

  private CleaningRun record(TopicMetadata topic, CleaningRun run) {
    lastRuns.merge(topic.id(), TopicCleaning.NONE.with(run), (old, ignored) -> old.with(run));
    if (run.removedAnything()) {
      metrics.removed(run);
    }
    return run;
  }

  private record CleanableRange(long end, long totalBytes, long dirtyBytes) {
    double dirtyRatio() {
      return (double) dirtyBytes / totalBytes;
    }
  }

  private record Removal(long batches, long rewritten, long records, long bytes) {
    static final Removal NONE = new Removal(0, 0, 0, 0);

    Removal plus(Removal other) {
      return new Removal(
          batches + other.batches,
          rewritten + other.rewritten,
          records + other.records,
          bytes + other.bytes);
    }

    CleaningRun asRun(Kind kind, long started, String by) {
      Instant finished = Instant.now();
      return new CleaningRun(
          kind,
          finished,
          finished.toEpochMilli() - started,
          batches,
          rewritten,
          records,
          bytes,
          by);
    }
  }
}
