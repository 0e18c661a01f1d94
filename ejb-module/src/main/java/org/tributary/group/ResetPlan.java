package org.tributary.group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.tributary.log.PartitionOffsets;
import org.tributary.topic.TopicPartition;

/**
 * What every offset reset shares, whatever computes its offsets (a strategy, an undo, a previewed
 * plan); {@link #compute} turns it into each partition's offset before and after. Pure: the
 * committed offsets and the logs' bounds come as arguments.
 */
record ResetPlan(
    String groupId,
    String topic,
    OffsetResetScenario strategy,
    Long undoes,
    boolean dryRun,
    String executedBy,
    Instant at) {

  /** A partition's new committed offset, or null to remove its commit. */
  @FunctionalInterface
  interface Target {
    Long of(int partition, Long current, PartitionOffsets bounds);
  }

  /** The reset as shown (or recorded), and the writes that execute it. */
  record Planned(
      OffsetReset reset,
      Map<TopicPartition, OffsetAndMetadata> commits,
      List<TopicPartition> removals) {}

  Planned compute(
      Set<Integer> partitions,
      Map<TopicPartition, OffsetAndMetadata> committed,
      IntFunction<PartitionOffsets> bounds,
      Target target) {
    List<PartitionReset> changes = new ArrayList<>();
    Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    List<TopicPartition> removals = new ArrayList<>();
    for (int partition : partitions) {
      TopicPartition tp = new TopicPartition(topic, partition);
      OffsetAndMetadata current = committed.get(tp);
      Long currentOffset = current == null ? null : current.offset();
      Long newOffset = target.of(partition, currentOffset, bounds.apply(partition));
      changes.add(new PartitionReset(topic, partition, currentOffset, newOffset));
      if (newOffset == null) {
        removals.add(tp);
      } else {
        commits.put(tp, new OffsetAndMetadata(newOffset, "reset by " + executedBy, at));
      }
    }
    OffsetReset reset =
        new OffsetReset(
            null, groupId, topic, strategy, undoes, dryRun, executedBy, at, List.copyOf(changes));
    return new Planned(reset, commits, removals);
  }
}
