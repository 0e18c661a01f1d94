package org.tributary.group;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.tributary.topic.TopicPartition;

/** A member as an operator sees it. */
public record MemberDescription(
    String memberId,
    String clientId,
    Set<String> subscription,
    List<TopicPartition> assignment,
    Instant lastHeartbeat) {}
