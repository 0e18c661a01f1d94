package org.tributary.log;

import java.util.List;
import org.tributary.topic.TopicPartition;

/**
 * Records read from one partition, in offset order, with the partition's bounds at the time of the
 * read. A read forward starts exactly at the requested offset, and {@code nextOffset} is where the
 * following one should start (past any gap); a read backward ends below the requested offset, and
 * {@code nextOffset} is where the next older one should end.
 */
public record FetchResult(
    TopicPartition partition,
    List<Record> records,
    long logStartOffset,
    long lastStableOffset,
    long nextOffset) {}
