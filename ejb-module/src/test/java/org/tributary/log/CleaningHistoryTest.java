package org.tributary.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tributary.log.CleaningRun.Kind;

class CleaningHistoryTest {

  private final List<CleaningRun> counted = new ArrayList<>();
  private final CleaningHistory history = new CleaningHistory(counted::add);

  private static CleaningRun run(Kind kind, long batchesRemoved) {
    return new CleaningRun(kind, Instant.EPOCH, 0, batchesRemoved, 0, batchesRemoved, 0, null);
  }

  @Test
  void keepsTheLastRunOfEachKindPerTopic() {
    CleaningRun retention = run(Kind.RETENTION, 1);
    CleaningRun compaction = run(Kind.COMPACTION, 2);
    CleaningRun laterRetention = run(Kind.RETENTION, 0);
    history.record(7, retention);
    history.record(7, compaction);
    history.record(7, laterRetention);
    history.record(8, run(Kind.DELETE_RECORDS, 1));

    assertEquals(new TopicCleaning(laterRetention, compaction, null), history.lastRuns(7));
    history.forget(7);
    assertEquals(TopicCleaning.NONE, history.lastRuns(7));
  }

  @Test
  void onlyRunsThatRemovedSomethingAreCounted() {
    CleaningRun removed = run(Kind.RETENTION, 1);
    history.record(7, run(Kind.RETENTION, 0));
    history.record(7, removed);
    assertEquals(List.of(removed), counted);
  }
}
