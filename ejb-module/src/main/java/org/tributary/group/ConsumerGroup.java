package org.tributary.group;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicPartition;

/**
 * The membership of one consumer group and its current assignment. Every membership change bumps
 * the generation and reassigns all partitions at once, so each partition always belongs to exactly
 * one live member; commits from an older generation are fenced.
 *
 * <p>Not thread-safe: {@link GroupCoordinator} holds this object's monitor around every call.
 */
final class ConsumerGroup {

  private final String groupId;
  private final SortedMap<String, Member> members = new TreeMap<>();
  private PartitionAssignor assignor = new RangeAssignor();
  private int generation;

  ConsumerGroup(String groupId) {
    this.groupId = groupId;
  }

  String groupId() {
    return groupId;
  }

  int generation() {
    return generation;
  }

  boolean hasMembers() {
    return !members.isEmpty();
  }

  GroupState state() {
    if (members.isEmpty()) {
      return GroupState.EMPTY;
    }
    return members.values().stream()
            .allMatch(member -> member.knows(generation) && member.ownsItsAssignment())
        ? GroupState.STABLE
        : GroupState.COMPLETING_REBALANCE;
  }

  /**
   * Adds a member (or refreshes a known one) and returns its assignment. A new member, or a changed
   * subscription, starts a new generation.
   */
  Assignment join(
      String memberId,
      String clientId,
      Set<String> topics,
      Duration sessionTimeout,
      String assignorName,
      Instant now,
      Map<String, Integer> partitionsPerTopic) {
    if (topics.isEmpty()) {
      throw new TributaryException(
          ErrorCode.INVALID_REQUEST, "A member must subscribe to at least one topic.");
    }
    PartitionAssignor requested = PartitionAssignor.named(assignorName);
    if (!members.isEmpty() && !requested.name().equals(assignor.name())) {
      throw new TributaryException(
          ErrorCode.INCONSISTENT_GROUP_PROTOCOL,
          "Group '"
              + groupId
              + "' uses the '"
              + assignor.name()
              + "' assignor; join with the same one.");
    }
    assignor = requested;
    Member member = memberId == null ? null : members.get(memberId);
    if (memberId != null && member == null) {
      throw unknownMember(memberId);
    }
    if (member == null) {
      member =
          new Member(clientId + "-" + UUID.randomUUID(), clientId, topics, sessionTimeout, now);
      members.put(member.memberId(), member);
      rebalance(partitionsPerTopic);
    } else if (member.rejoin(topics, sessionTimeout, now)) {
      rebalance(partitionsPerTopic);
    }
    return assignmentOf(member);
  }

  /** Keeps a member alive and tells it its current assignment and generation. */
  Assignment heartbeat(String memberId, Instant now) {
    Member member = requireMember(memberId);
    member.heartbeat(now);
    return assignmentOf(member);
  }

  void leave(String memberId, Map<String, Integer> partitionsPerTopic) {
    if (members.remove(memberId) == null) {
      throw unknownMember(memberId);
    }
    rebalance(partitionsPerTopic);
  }

  /** Removes the members whose session timed out; returns their ids. */
  List<String> expire(Instant now, Map<String, Integer> partitionsPerTopic) {
    List<String> expired = new ArrayList<>();
    members
        .values()
        .removeIf(
            member -> {
              boolean gone = member.expired(now);
              if (gone) {
                expired.add(member.memberId());
              }
              return gone;
            });
    if (!expired.isEmpty()) {
      rebalance(partitionsPerTopic);
    }
    return expired;
  }

  /** Reassigns after the partitions of subscribed topics changed. */
  void topicsChanged(Map<String, Integer> partitionsPerTopic) {
    if (!members.isEmpty()) {
      rebalance(partitionsPerTopic);
    }
  }

  Set<String> subscribedTopics() {
    Set<String> topics = new TreeSet<>();
    members.values().forEach(member -> topics.addAll(member.subscription()));
    return topics;
  }

  /**
   * Accepts an offset commit from a member at the current generation; or at the generation it was
   * last told about, for partitions it still owns, while it has yet to hear of a rebalance (nobody
   * else consumes those partitions before it lets them go, and Kafka likewise accepts commits while
   * a rebalance is in progress); or from a consumer outside the group (generation -1, no member id)
   * while the group has no members.
   */
  void checkCommit(String memberId, int generation, Collection<TopicPartition> partitions) {
    if ((memberId == null || memberId.isEmpty()) && generation < 0) {
      if (!members.isEmpty()) {
        throw new TributaryException(
            ErrorCode.UNKNOWN_MEMBER_ID,
            "Group '" + groupId + "' has active members; only they can commit its offsets.");
      }
      return;
    }
    Member member = requireMember(memberId);
    if (generation == this.generation
        || (member.knows(generation) && member.owned().containsAll(partitions))) {
      return;
    }
    throw new TributaryException(
        ErrorCode.ILLEGAL_GENERATION,
        "Commit from generation "
            + generation
            + " refused: group '"
            + groupId
            + "' is at generation "
            + this.generation
            + " and its partitions moved in a rebalance. Rejoin, then commit the partitions you"
            + " own now.");
  }

  List<MemberDescription> describeMembers() {
    return members.values().stream().map(Member::describe).toList();
  }

  String assignorName() {
    return assignor.name();
  }

  private void rebalance(Map<String, Integer> partitionsPerTopic) {
    generation++;
    SortedMap<String, Set<String>> subscriptions = new TreeMap<>();
    members.forEach((id, member) -> subscriptions.put(id, member.subscription()));
    if (subscriptions.isEmpty()) {
      return;
    }
    assignor
        .assign(subscriptions, partitionsPerTopic)
        .forEach((id, partitions) -> members.get(id).assign(partitions));
  }

  /** The member's assignment less what another member was given and has not yet let go. */
  private Assignment assignmentOf(Member member) {
    List<TopicPartition> handed =
        member.assignment().stream()
            .filter(
                partition ->
                    members.values().stream()
                        .noneMatch(other -> other != member && other.owned().contains(partition)))
            .toList();
    member.handed(handed, generation);
    return new Assignment(groupId, member.memberId(), generation, handed);
  }

  private Member requireMember(String memberId) {
    Member member = memberId == null ? null : members.get(memberId);
    if (member == null) {
      throw unknownMember(memberId);
    }
    return member;
  }

  private TributaryException unknownMember(String memberId) {
    return new TributaryException(
        ErrorCode.UNKNOWN_MEMBER_ID,
        "Member '"
            + memberId
            + "' is not in group '"
            + groupId
            + "' (its session may have expired); join again.");
  }
}
