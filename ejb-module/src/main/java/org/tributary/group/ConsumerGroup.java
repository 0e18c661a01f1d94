package org.tributary.group;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicPartition;

/**
 * The membership of one consumer group and its current assignment. Every membership change bumps
 * the generation and reassigns all partitions at once, so each partition always belongs to exactly
 * one live member; commits from an older generation, or for partitions the member does not own, are
 * fenced.
 *
 * <p>Offset writes run outside the group's monitor (a database commit must never wait under it), so
 * the group tracks the partitions with a write in flight: such a partition is not handed to a new
 * owner until the write has ended, a commit waits for no reset and a reset for no commit. A
 * deletion of the group is a write of every partition: while one is in flight nothing else is
 * written.
 *
 * <p>A group is of one kind at a time: Tributary's own members (REST Proxy consumers, the facade,
 * listeners), assigned on the broker, or members that speak Kafka's classic group protocol ({@link
 * ClassicGroup}), assigned by their leader. Whichever kind has members refuses the other with
 * {@code INCONSISTENT_GROUP_PROTOCOL}; a group without members takes either. Both kinds share the
 * committed offsets and the tracking of writes in flight.
 *
 * <p>Not thread-safe: whoever calls it holds this object's monitor ({@link ConsumerGroups}).
 */
final class ConsumerGroup {

  private final String groupId;
  private final SortedMap<String, Member> members = new TreeMap<>();
  private PartitionAssignor assignor = new RangeAssignor();
  private int generation;
  private final Map<TopicPartition, Integer> writesInFlight = new HashMap<>();
  private final Set<TopicPartition> resetsInFlight = new HashSet<>();
  private long idleSinceNanos;
  private boolean evicted;
  private int deletesInFlight;
  private final ClassicGroup classic;

  ConsumerGroup(String groupId, long nowNanos) {
    this.groupId = groupId;
    this.idleSinceNanos = nowNanos;
    this.classic = new ClassicGroup(groupId);
  }

  String groupId() {
    return groupId;
  }

  int generation() {
    return usesClassicProtocol() ? classic.generation() : generation;
  }

  boolean hasMembers() {
    return !members.isEmpty() || classic.hasMembers();
  }

  int memberCount() {
    return members.size() + classic.memberCount();
  }

  /** Whether the group's members speak Kafka's classic protocol (or did last, when it has none). */
  boolean usesClassicProtocol() {
    return classic.hasMembers() || (members.isEmpty() && classic.generation() > 0);
  }

  /** Kafka's protocol type of the group: {@code consumer} for Tributary's own members. */
  String protocolType() {
    return classic.hasMembers() ? classic.protocolType() : "consumer";
  }

  GroupState state() {
    if (classic.hasMembers()) {
      return classic.state();
    }
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
      Moment now,
      Map<String, Integer> partitionsPerTopic) {
    if (topics.isEmpty()) {
      throw new TributaryException(
          ErrorCode.INVALID_REQUEST, "A member must subscribe to at least one topic.");
    }
    if (classic.hasMembers()) {
      throw new TributaryException(
          ErrorCode.INCONSISTENT_GROUP_PROTOCOL,
          "Group '"
              + groupId
              + "' is used by Kafka clients (Kafka's classic group protocol); a REST Proxy or"
              + " in-process consumer cannot join it. Use another group id.");
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
  Assignment heartbeat(String memberId, Moment now) {
    Member member = requireMember(memberId);
    member.heartbeat(now);
    return assignmentOf(member);
  }

  void leave(String memberId, Map<String, Integer> partitionsPerTopic, long nowNanos) {
    if (members.remove(memberId) == null) {
      throw unknownMember(memberId);
    }
    rebalance(partitionsPerTopic);
    idleSinceNanos = nowNanos;
  }

  /**
   * Removes the members whose session timed out (on the monotonic clock) and applies the classic
   * protocol's other deadlines; returns the ids of the members that left.
   */
  List<String> expire(Moment now, Map<String, Integer> partitionsPerTopic) {
    long nowNanos = now.nanoTime();
    List<String> expired = new ArrayList<>();
    if (classic.active()) {
      expired.addAll(classic.tick(now));
      if (!classic.active()) {
        idleSinceNanos = nowNanos;
      }
    }
    if (members.isEmpty()) {
      return expired;
    }
    int classicExpired = expired.size();
    members
        .values()
        .removeIf(
            member -> {
              boolean gone = member.expired(nowNanos);
              if (gone) {
                expired.add(member.memberId());
              }
              return gone;
            });
    if (expired.size() > classicExpired) {
      rebalance(partitionsPerTopic);
      idleSinceNanos = nowNanos;
    }
    return expired;
  }

  /** Whether the session timer has anything to check in this group. */
  boolean hasDeadlines() {
    return !members.isEmpty() || classic.active();
  }

  /**
   * Whether the group can leave memory: no members, no offset write in flight, and idle for at
   * least {@code grace}. Its committed offsets stay in the database; a later join or commit makes
   * the group anew.
   */
  boolean evictable(long nowNanos, Duration grace) {
    return members.isEmpty()
        && !classic.active()
        && !writing()
        && nowNanos - idleSinceNanos >= grace.toNanos();
  }

  /** Marks the group as gone from the coordinator's map; whoever still holds it must look again. */
  void evict() {
    evicted = true;
  }

  boolean evicted() {
    return evicted;
  }

  /** Reassigns after the partitions of subscribed topics changed. */
  void topicsChanged(Map<String, Integer> partitionsPerTopic) {
    if (!members.isEmpty()) {
      rebalance(partitionsPerTopic);
    }
  }

  /** How many members subscribe to the topic. */
  int subscribersOf(String topic) {
    return (int) members.values().stream().filter(m -> m.subscription().contains(topic)).count()
        + classic.subscribersOf(topic);
  }

  Set<String> subscribedTopics() {
    Set<String> topics = new TreeSet<>();
    members.values().forEach(member -> topics.addAll(member.subscription()));
    topics.addAll(classic.subscribedTopics());
    return topics;
  }

  /**
   * Accepts an offset commit from a member for partitions it owns (was handed and has not let go),
   * at the current generation or at the one it was last told about while it has yet to hear of a
   * rebalance (nobody else consumes those partitions before it lets them go, and Kafka likewise
   * accepts commits while a rebalance is in progress); or from a consumer outside the group
   * (generation -1, no member id) while the group has no members.
   */
  void checkCommit(String memberId, int generation, Collection<TopicPartition> partitions) {
    if (classic.hasMembers()) {
      classic.validateOffsetCommit(memberId, null, generation);
      return;
    }
    if ((memberId == null || memberId.isEmpty()) && generation < 0) {
      if (!members.isEmpty()) {
        throw new TributaryException(
            ErrorCode.UNKNOWN_MEMBER_ID,
            "Group '" + groupId + "' has active members; only they can commit its offsets.");
      }
      return;
    }
    Member member = requireMember(memberId);
    if (generation != this.generation && !member.knows(generation)) {
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
    List<TopicPartition> notOwned =
        partitions.stream().filter(partition -> !member.owned().contains(partition)).toList();
    if (!notOwned.isEmpty()) {
      throw new TributaryException(
          ErrorCode.ILLEGAL_GENERATION,
          "Commit refused: member '"
              + memberId
              + "' of group '"
              + groupId
              + "' does not own "
              + notOwned
              + " at generation "
              + this.generation
              + " (it owns "
              + member.owned()
              + "). Commit only the partitions you own now.");
    }
  }

  /**
   * Validates a commit ({@link #checkCommit}) and marks its partitions as written to until {@link
   * #endWrite}. Refused with {@code REBALANCE_IN_PROGRESS} (retriable) while an offset reset of one
   * of them, or a deletion of the group, is being written.
   */
  void beginCommit(String memberId, int generation, Collection<TopicPartition> partitions) {
    checkCommit(memberId, generation, partitions);
    requireNotDeleting("commit");
    List<TopicPartition> resetting = partitions.stream().filter(resetsInFlight::contains).toList();
    if (!resetting.isEmpty()) {
      throw new TributaryException(
          ErrorCode.REBALANCE_IN_PROGRESS,
          "An offset reset or deletion of "
              + resetting
              + " in group '"
              + groupId
              + "' is being written; retry the commit.");
    }
    partitions.forEach(partition -> writesInFlight.merge(partition, 1, Integer::sum));
  }

  /** Whether a commit or reset of any of these partitions, or a deletion, is being written. */
  boolean writing(Collection<TopicPartition> partitions) {
    return deleting() || partitions.stream().anyMatch(writesInFlight::containsKey);
  }

  /** Whether a commit or reset of any partition, or a deletion, is being written. */
  boolean writing() {
    return deleting() || !writesInFlight.isEmpty();
  }

  /** Whether a commit or reset of any partition of the topic, or a deletion, is being written. */
  boolean writing(String topic) {
    return deleting()
        || writesInFlight.keySet().stream().anyMatch(partition -> partition.topic().equals(topic));
  }

  boolean deleting() {
    return deletesInFlight > 0;
  }

  /**
   * Refuses {@code retried} with {@code REBALANCE_IN_PROGRESS} while the group is being deleted.
   */
  void requireNotDeleting(String retried) {
    if (deleting()) {
      throw new TributaryException(
          ErrorCode.REBALANCE_IN_PROGRESS,
          "Group '" + groupId + "' is being deleted; retry the " + retried + ".");
    }
  }

  /**
   * Marks the partitions of an offset reset as written to until {@link #endWrite}; the caller has
   * waited until {@link #writing} was false and checked that the group has no members.
   */
  void beginReset(Collection<TopicPartition> partitions) {
    resetsInFlight.addAll(partitions);
    partitions.forEach(partition -> writesInFlight.merge(partition, 1, Integer::sum));
  }

  /**
   * Marks the whole group as being deleted until {@link #endDelete}: every partition counts as
   * written ({@link #writing}), no commit starts and no partition is handed to a member; the caller
   * has waited until {@link #writing()} was false and checked that the group has no members.
   */
  void beginDelete() {
    deletesInFlight++;
  }

  void endDelete(long nowNanos) {
    if (deletesInFlight > 0) {
      deletesInFlight--;
    }
    idleSinceNanos = nowNanos;
  }

  /** The write of a commit or reset of these partitions has ended, one way or another. */
  void endWrite(Collection<TopicPartition> partitions, long nowNanos) {
    partitions.forEach(
        partition -> {
          writesInFlight.computeIfPresent(partition, (p, count) -> count == 1 ? null : count - 1);
          if (!writesInFlight.containsKey(partition)) {
            resetsInFlight.remove(partition);
          }
        });
    idleSinceNanos = nowNanos;
  }

  List<MemberDescription> describeMembers() {
    if (classic.hasMembers()) {
      return classic.describeMembers();
    }
    return members.values().stream().map(Member::describe).toList();
  }

  /** The assignor in use; for a Kafka-protocol group, the protocol its members chose. */
  String assignorName() {
    if (classic.hasMembers()) {
      return classic.protocolName() == null ? "" : classic.protocolName();
    }
    return assignor.name();
  }

  /** A JoinGroup of Kafka's classic protocol; refused while Tributary's own members are in. */
  void classicJoin(ClassicJoin join, CompletableFuture<ClassicJoinResult> future, Moment now) {
    idleSinceNanos = now.nanoTime();
    if (!members.isEmpty()) {
      classic.reply(
          future, ClassicJoinResult.failed(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, join.memberId()));
      return;
    }
    classic.join(join, future, now);
  }

  void classicSync(ClassicSync sync, CompletableFuture<ClassicSyncResult> future, Moment now) {
    classic.sync(sync, future, now);
  }

  ErrorCode classicHeartbeat(String memberId, String groupInstanceId, int generation, Moment now) {
    return classic.heartbeat(memberId, groupInstanceId, generation, now);
  }

  List<ErrorCode> classicLeave(List<ClassicLeave> leaving, Moment now) {
    List<ErrorCode> results = classic.leave(leaving, now);
    if (!classic.active()) {
      idleSinceNanos = now.nanoTime();
    }
    return results;
  }

  /** The classic protocol's responses decided under the monitor, to complete after it. */
  List<Runnable> takeReplies() {
    return classic.takeReplies();
  }

  /**
   * Starts a new generation and assigns it on the broker with the group's assignor, in the same
   * step (server-side assignment, as for REST and facade members).
   */
  private void rebalance(Map<String, Integer> partitionsPerTopic) {
    generation++;
    SortedMap<String, Set<String>> subscriptions = new TreeMap<>();
    members.forEach((id, member) -> subscriptions.put(id, member.subscription()));
    if (subscriptions.isEmpty()) {
      return;
    }
    install(assignor.assign(subscriptions, partitionsPerTopic));
  }

  /**
   * Installs the current generation's assignment, whoever computed it. Today that is always the
   * group's {@link PartitionAssignor}; Kafka's classic protocol (client-side assignment) would end
   * its rebalance here too, with the assignment the leader's SyncGroup supplies.
   */
  private void install(Map<String, List<TopicPartition>> assignment) {
    assignment.forEach((id, partitions) -> members.get(id).assign(partitions));
  }

  /**
   * The member's assignment less what another member was given and has not yet let go, and less
   * what it does not own yet while an offset write of it is in flight (it would start from the
   * committed offset before that write); nothing while the group is being deleted (a member that
   * joined meanwhile starts after the deletion, from no committed offsets).
   */
  private Assignment assignmentOf(Member member) {
    List<TopicPartition> handed =
        member.assignment().stream()
            .filter(partition -> !deleting())
            .filter(
                partition ->
                    member.owned().contains(partition)
                        || (!writesInFlight.containsKey(partition)
                            && members.values().stream()
                                .noneMatch(
                                    other -> other != member && other.owned().contains(partition))))
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
