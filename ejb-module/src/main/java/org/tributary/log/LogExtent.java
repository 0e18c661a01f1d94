package org.tributary.log;

/**
 * What a partition's stored batches span, as recovery reads it: the lowest base offset, the highest
 * last offset and their bytes. Public because JPQL constructs it ({@code SELECT NEW}).
 */
public record LogExtent(
    long topicId, int partition, long firstBaseOffset, long lastOffset, long sizeInBytes) {}
