package org.tributary.console.topics;

import java.util.List;
import org.tributary.log.CleaningRun;
import org.tributary.log.CleaningRun.Kind;
import org.tributary.log.TopicCleaning;

/**
 * One row of a topic's log cleaning: a kind of run and its last run since the broker started
 * ({@code null}: none).
 */
public record LastCleaningRun(Kind kind, CleaningRun run) {

  static List<LastCleaningRun> of(TopicCleaning cleaning) {
    return List.of(
        new LastCleaningRun(Kind.RETENTION, cleaning.retention()),
        new LastCleaningRun(Kind.COMPACTION, cleaning.compaction()),
        new LastCleaningRun(Kind.DELETE_RECORDS, cleaning.deleteRecords()));
  }

  public String label() {
    return switch (kind) {
      case RETENTION -> "Retention";
      case COMPACTION -> "Compaction";
      case DELETE_RECORDS -> "Delete records";
    };
  }

  /** Who asked for the run; the broker's own schedule when nobody did. */
  public String by() {
    return run.by() == null ? "broker (scheduled)" : run.by();
  }
}
