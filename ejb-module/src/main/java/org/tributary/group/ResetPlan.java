package org.tributary.group;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.tributary.log.PartitionOffsets;
import org.tributary.topic.TopicPartition;

/**
 * An offset reset computed: every partition's offset before and after, whatever gives the new one
 * (a strategy, an undo, a previewed plan), and the writes that execute it. Pure: the committed
 * offsets and the logs' bounds come as arguments.
 */
record ResetPlan(
    OffsetReset reset,
    Map<TopicPartition, OffsetAndMetadata> commits,
    List<TopicPartition> removals) {

  /** A partition's new committed offset, or null to remove its commit. */
  @FunctionalInterface
  interface Target {
    Long of(int partition, Long current, PartitionOffsets bounds);
  }

  /** Plans {@code reset}, whose partitions are not filled in yet, over these partitions. */
  static ResetPlan compute(
      OffsetReset reset,
      Set<Integer> partitions,
      Map<TopicPartition, OffsetAndMetadata> committed,
      IntFunction<PartitionOffsets> bounds,
      Target target) {
    List<PartitionReset> changes = new ArrayList<>();
    Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    List<TopicPartition> removals = new ArrayList<>();
    for (int partition : partitions) {
      TopicPartition tp = new TopicPartition(reset.topic(), partition);
      OffsetAndMetadata current = committed.get(tp);
      Long currentOffset = current == null ? null : current.offset();
      Long newOffset = target.of(partition, currentOffset, bounds.apply(partition));
      changes.add(new PartitionReset(reset.topic(), partition, currentOffset, newOffset));
      if (newOffset == null) {
        removals.add(tp);
      } else {
        commits.put(
            tp,
            new OffsetAndMetadata(newOffset, "reset by " + reset.executedBy(), reset.executedAt()));
      }
    }
    return new ResetPlan(reset.withPartitions(List.copyOf(changes)), commits, removals);
  }
}
