package org.tributary.log;

/** A partition by its topic's id, which a re-created topic of the same name does not share. */
record PartitionKey(long topicId, int partition) {}
