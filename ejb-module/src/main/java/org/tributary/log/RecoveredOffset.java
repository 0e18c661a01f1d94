package org.tributary.log;

/**
 * A {@link RecordedOffset} as recovery reads it. Public because JPQL constructs it ({@code SELECT
 * NEW}).
 */
public record RecoveredOffset(long topicId, int partition, long offset) {}
