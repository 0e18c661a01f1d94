package org.tributary.group;

/** One partition of a reset: the committed offset before (null: none) and after. */
public record PartitionReset(String topic, int partition, Long currentOffset, long newOffset) {}
