package org.tributary.topic;

/**
 * CDI event fired after a topic was created or grew partitions and the change committed, so that
 * consumer groups subscribed to it can take the new partitions.
 */
public record PartitionsChanged(TopicMetadata topic) {}
