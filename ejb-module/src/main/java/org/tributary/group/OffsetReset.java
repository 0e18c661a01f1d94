package org.tributary.group;

import java.time.Instant;
import java.util.List;

/**
 * A reset as planned (dry run, {@code id} null) or as executed and recorded: who, when, and every
 * partition's offset before and after. {@code undoes} names the reset an undo reverts.
 */
public record OffsetReset(
    Long id,
    String groupId,
    String topic,
    OffsetResetScenario strategy,
    Long undoes,
    boolean dryRun,
    String executedBy,
    Instant executedAt,
    List<PartitionReset> partitions) {

  OffsetReset withPartitions(List<PartitionReset> planned) {
    return new OffsetReset(
        id, groupId, topic, strategy, undoes, dryRun, executedBy, executedAt, planned);
  }

  /** The reset as executed and recorded under {@code recordId}. */
  OffsetReset executed(long recordId) {
    return new OffsetReset(
        recordId, groupId, topic, strategy, undoes, false, executedBy, executedAt, partitions);
  }
}
