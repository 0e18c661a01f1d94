package org.tributary.log;

import java.util.List;

/** A record as read from a partition's log. */
public record Record(
    long offset, long timestamp, byte[] key, byte[] value, List<Header> headers, int sizeInBytes) {}
