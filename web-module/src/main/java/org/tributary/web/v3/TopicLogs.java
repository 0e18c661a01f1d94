package org.tributary.web.v3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.tributary.log.CleaningRun;
import org.tributary.log.LogCleanup;
import org.tributary.log.PartitionLogs;
import org.tributary.log.TopicCleaning;

/** A topic's log as the v3 topic resources show it: what is stored, and what cleaning removed. */
@ApplicationScoped
public class TopicLogs {

  @Inject PartitionLogs logs;
  @Inject LogCleanup cleanup;

  public Shapes.TopicLog describe(String topic) {
    List<Shapes.PartitionLog> partitions =
        logs.offsets(topic).stream()
            .map(
                offsets ->
                    new Shapes.PartitionLog(
                        offsets.partition(),
                        offsets.logStartOffset(),
                        offsets.lastStableOffset(),
                        logs.sizeInBytes(topic, offsets.partition())))
            .toList();
    TopicCleaning cleaning = cleanup.lastRuns(topic);
    return new Shapes.TopicLog(
        partitions.stream().mapToLong(Shapes.PartitionLog::sizeBytes).sum(),
        partitions,
        shape(cleaning.retention()),
        shape(cleaning.compaction()),
        shape(cleaning.deleteRecords()));
  }

  private static Shapes.CleaningRun shape(CleaningRun run) {
    return run == null
        ? null
        : new Shapes.CleaningRun(
            run.finishedAt().toString(),
            run.tookMillis(),
            run.batchesRemoved(),
            run.batchesRewritten(),
            run.recordsRemoved(),
            run.bytesRemoved(),
            run.by());
  }
}
