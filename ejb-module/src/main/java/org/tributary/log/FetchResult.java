package org.tributary.log;

import java.util.List;
import org.tributary.topic.TopicPartition;

/**
 * Records read from one partition, starting exactly at the requested offset, with the partition's
 * bounds at the time of the read. {@code nextOffset} is where the following fetch should start.
 */
public record FetchResult(
    TopicPartition partition,
    List<Record> records,
    long logStartOffset,
    long highWatermark,
    long nextOffset) {}
