package org.tributary.api;

/** One partition of one topic. */
public record TopicPartition(String topic, int partition) {}
