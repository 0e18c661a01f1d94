package org.tributary.group;

import java.util.List;
import java.util.Set;

/**
 * A JoinGroup of Kafka's classic protocol, as the group needs it.
 *
 * @param memberId the member's id, empty for a member that has none yet
 * @param groupInstanceId the static member's {@code group.instance.id}, or null
 * @param protocols the protocols the member supports, in its order of preference
 * @param subscription the topics the member subscribes to, read from its metadata when it speaks
 *     Kafka's consumer protocol (empty otherwise); what operators and offset deletions see
 * @param requireKnownMemberId whether a member without an id is first given one (JoinGroup v4+)
 */
public record ClassicJoin(
    String groupId,
    String memberId,
    String groupInstanceId,
    String clientId,
    String clientHost,
    int sessionTimeoutMs,
    int rebalanceTimeoutMs,
    String protocolType,
    List<ClassicProtocol> protocols,
    Set<String> subscription,
    boolean requireKnownMemberId) {}
