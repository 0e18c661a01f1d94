package org.tributary.group;

import java.util.List;
import org.tributary.topic.TopicPartition;

/** What a member learns when it joins or heartbeats: who it is and what it owns now. */
public record Assignment(
    String groupId, String memberId, int generation, List<TopicPartition> partitions) {}
