package org.tributary.kafka.fetch;

import org.tributary.topic.TopicPartition;

/** One partition of a Fetch request: where to read from and at most how much. */
record PartitionFetch(TopicPartition partition, long fetchOffset, int maxBytes) {}
