package org.tributary.log;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.tributary.log.CleaningRun.Kind;
import org.tributary.topic.TopicMetadata;

/**
 * Kafka's retention check ({@code LogManager.cleanupLogs}, {@code UnifiedLog.deleteOldSegments}):
 * on a topic whose {@code cleanup.policy} includes delete, each partition's log drops its oldest
 * whole batches that {@code retention.ms} or {@code retention.bytes} let go ({@link
 * RetentionWalk}); on any topic, the batches wholly below the log start offset that DeleteRecords
 * left go too.
 */
final class LogRetention {

  private final Function<TopicMetadata, List<PartitionLog>> logsOf;
  private final CleaningHistory history;
  private final Clock clock;

  LogRetention(
      Function<TopicMetadata, List<PartitionLog>> logsOf, CleaningHistory history, Clock clock) {
    this.logsOf = logsOf;
    this.history = history;
    this.clock = clock;
  }

  /** Applies the topic's retention; empty when the topic has none and nothing went. */
  Optional<CleaningRun> apply(TopicMetadata topic) {
    long started = clock.millis();
    boolean deletes = topic.config().deletesOldRecords();
    Removal removed = Removal.NONE;
    for (PartitionLog log : logsOf.apply(topic)) {
      RetentionWalk walk =
          deletes
              ? new RetentionWalk(
                  log.logStartOffset(),
                  topic.config().retentionMs(),
                  topic.config().retentionBytes(),
                  log.sizeInBytes(),
                  started)
              : RetentionWalk.belowLogStart(log.logStartOffset());
      removed = removed.plus(log.deleteOldestBatches(walk, Integer.MAX_VALUE));
    }
    if (!deletes && removed.batches() == 0) {
      return Optional.empty();
    }
    return Optional.of(
        history.record(topic.id(), removed.asRun(Kind.RETENTION, started, clock, null)));
  }
}
