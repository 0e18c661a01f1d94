package org.tributary.log;

/** Where an appended record landed, returned once the record is durable. */
public record RecordMetadata(String topic, int partition, long offset, long timestamp) {}
