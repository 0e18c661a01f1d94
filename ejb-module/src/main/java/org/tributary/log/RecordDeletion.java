package org.tributary.log;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.logging.Logger;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.log.CleaningRun.Kind;
import org.tributary.topic.TopicMetadata;

/**
 * Kafka's DeleteRecords request: checks the topic and every partition's target before anything
 * changes, then moves the partitions' log starts together ({@link LogStartMoves}; recorded, with
 * the request's audit entry, in one transaction) and has each log remove the whole batches below
 * its new start ({@link PartitionLog#removeBelowLogStart}).
 */
final class RecordDeletion {

  private static final Logger LOG = Logger.getLogger(RecordDeletion.class.getName());

  /** DeleteRecords removes up to this many chunks at once; retention takes the rest. */
  private static final int DELETE_RECORDS_CHUNKS = 10;

  private final Function<String, TopicMetadata> topics;
  private final BiFunction<String, Integer, PartitionLog> existingLog;
  private final BiConsumer<TopicMetadata, List<LogStartMove>> recordLogStarts;
  private final CleaningHistory history;
  private final Clock clock;

  /**
   * @param topics the topic of a name, or a {@link TributaryException} if there is none
   * @param existingLog the log of a topic's partition, or a {@link TributaryException} if there is
   *     none
   * @param recordLogStarts records a request's new log starts (and the request in the audit trail)
   *     in one transaction
   */
  RecordDeletion(
      Function<String, TopicMetadata> topics,
      BiFunction<String, Integer, PartitionLog> existingLog,
      BiConsumer<TopicMetadata, List<LogStartMove>> recordLogStarts,
      CleaningHistory history,
      Clock clock) {
    this.topics = topics;
    this.existingLog = existingLog;
    this.recordLogStarts = recordLogStarts;
    this.history = history;
    this.clock = clock;
  }

  /**
   * Each partition's log start offset moves up to the given offset ({@code -1}: the last stable
   * offset), so records below it are no longer readable, and the whole batches below it are
   * removed. Every partition and offset is checked before anything changes; the new starts are
   * recorded together ({@link LogStartMoves}).
   *
   * @return each partition's log start offset (Kafka's low watermark) afterwards
   */
  Map<Integer, Long> deleteRecords(String topicName, Map<Integer, Long> beforeOffsets, String by) {
    TopicMetadata topic = topics.apply(topicName);
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
          PartitionLog log = existingLog.apply(topic.name(), partition);
          targets.put(log, target(log, offset));
        });
    long started = clock.millis();
    LogStartMoves.move(targets, moves -> recordLogStarts.accept(topic, moves));
    Map<Integer, Long> lowWatermarks = new LinkedHashMap<>();
    Removal removed = Removal.NONE;
    for (PartitionLog log : targets.keySet()) {
      removed = removed.plus(log.removeBelowLogStart(DELETE_RECORDS_CHUNKS));
      lowWatermarks.put(log.topicPartition().partition(), log.logStartOffset());
    }
    CleaningRun run =
        history.record(topic.id(), removed.asRun(Kind.DELETE_RECORDS, started, clock, by));
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

  /** Where the log is to start: {@code offset}, or the last stable offset for {@code -1}. */
  static long target(PartitionLog log, long offset) {
    long lastStableOffset = log.lastStableOffset();
    if (offset == -1) {
      return lastStableOffset;
    }
    if (offset < 0 || offset > lastStableOffset) {
      // Worded as the API and the console name that offset (REST Proxy's high_watermark).
      throw new TributaryException(
          ErrorCode.OFFSET_OUT_OF_RANGE,
          "Cannot delete the records of "
              + log.topicPartition()
              + " before offset "
              + offset
              + ": it must be between 0 and the high watermark "
              + lastStableOffset
              + " (or -1 for the high watermark). Nothing was deleted.");
    }
    return offset;
  }
}
