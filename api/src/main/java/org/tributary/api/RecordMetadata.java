package org.tributary.api;

/** Where a sent record is: its topic, partition, offset and timestamp (epoch milliseconds). */
public record RecordMetadata(String topic, int partition, long offset, long timestamp) {}
