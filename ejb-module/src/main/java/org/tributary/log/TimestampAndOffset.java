package org.tributary.log;

/** A record's timestamp and offset: what ListOffsets answers for a timestamp (Kafka's name). */
public record TimestampAndOffset(long timestamp, long offset) {}
