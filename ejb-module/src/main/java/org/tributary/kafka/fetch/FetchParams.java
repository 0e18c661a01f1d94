package org.tributary.kafka.fetch;

/**
 * A Fetch request's limits (Kafka's {@code FetchParams}): how long it may wait, how many bytes make
 * it worth answering, and the most it answers across partitions.
 */
record FetchParams(long maxWaitMs, int minBytes, int maxBytes) {}
