package org.tributary.log;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The last retention, compaction and DeleteRecords run on each topic since the broker started. */
final class CleaningHistory {

  private final Map<Long, TopicCleaning> lastRuns = new ConcurrentHashMap<>();
  private final Consumer<CleaningRun> removals;

  /**
   * @param removals told of every run that removed anything (the removal metrics)
   */
  CleaningHistory(Consumer<CleaningRun> removals) {
    this.removals = removals;
  }

  CleaningRun record(long topicId, CleaningRun run) {
    lastRuns.merge(topicId, TopicCleaning.NONE.with(run), (old, ignored) -> old.with(run));
    if (run.removedAnything()) {
      removals.accept(run);
    }
    return run;
  }

  TopicCleaning lastRuns(long topicId) {
    return lastRuns.getOrDefault(topicId, TopicCleaning.NONE);
  }

  void forget(long topicId) {
    lastRuns.remove(topicId);
  }
}
