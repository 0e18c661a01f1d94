package org.tributary.group;

/**
 * One partition of a reset. A null offset is "no committed offset": before, the group had none;
 * after, an undo removed the one the reset had given.
 */
public record PartitionReset(String topic, int partition, Long currentOffset, Long newOffset) {}
