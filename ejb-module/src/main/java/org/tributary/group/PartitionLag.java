package org.tributary.group;

/**
 * How far a group is behind on one partition. {@code committedOffset} is null when the group has
 * not committed there; the lag then counts from the log start.
 */
public record PartitionLag(
    String topic, int partition, Long committedOffset, long logEndOffset, long lag) {}
