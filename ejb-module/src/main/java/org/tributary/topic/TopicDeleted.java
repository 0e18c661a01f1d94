package org.tributary.topic;

/** CDI event fired after a topic's deletion has committed, so that its data can go too. */
public record TopicDeleted(TopicMetadata topic) {}
