package org.tributary.log;

/** The last run of each kind on a topic since the broker started; {@code null} where none ran. */
public record TopicCleaning(
    CleaningRun retention, CleaningRun compaction, CleaningRun deleteRecords) {

  static final TopicCleaning NONE = new TopicCleaning(null, null, null);

  TopicCleaning with(CleaningRun run) {
    return switch (run.kind()) {
      case RETENTION -> new TopicCleaning(run, compaction, deleteRecords);
      case COMPACTION -> new TopicCleaning(retention, run, deleteRecords);
      case DELETE_RECORDS -> new TopicCleaning(retention, compaction, run);
    };
  }
}
