package org.tributary.group;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

/**
 * The members of a group that speak Kafka's classic group protocol, as Kafka's {@code ClassicGroup}
 * and the classic part of its {@code GroupMetadataManager} keep them: client-side assignment (the
 * leader gets every member's metadata in its JoinGroup response and hands out the assignments in
 * its SyncGroup), the rebalance barrier (JoinGroup responses are held until every known member has
 * rejoined or the rebalance timeout has passed), generations, session and rebalance timeouts, and
 * static members ({@code group.instance.id}).
 *
 * <p>Held JoinGroup and SyncGroup responses are futures: no thread waits. They are not completed
 * here but queued ({@link #takeReplies}), so that whoever holds the group's monitor completes them
 * after letting it go. Time is the monotonic clock of {@link Moment}; the deadlines are checked by
 * {@link #tick}, which the coordinator's timer calls every second.
 *
 * <p>Not thread-safe: guarded by the monitor of the {@link ConsumerGroup} that holds it. The group
 * metadata lives in memory only, as Tributary's own groups do; committed offsets are stored.
 */
final class ClassicGroup {

  /** How long a new member's first JoinGroup may wait (Kafka's new member join timeout). */
  static final Duration NEW_MEMBER_JOIN_TIMEOUT = Duration.ofMinutes(5);

  private final String groupId;
  private final LinkedHashMap<String, ClassicMember> members = new LinkedHashMap<>();
  private final Map<String, String> staticMembers = new HashMap<>();
  private final Map<String, Long> pendingMembers = new HashMap<>();
  private final Set<String> pendingSync = new HashSet<>();
  private final List<Runnable> replies = new ArrayList<>();
  private GroupState state = GroupState.EMPTY;
  private int generation;
  private String protocolType;
  private String protocolName;
  private String leaderId;
  private Long joinDeadline;
  private Long syncDeadline;

  ClassicGroup(String groupId) {
    this.groupId = groupId;
  }

  GroupState state() {
    return state;
  }

  int generation() {
    return generation;
  }

  boolean hasMembers() {
    return !members.isEmpty();
  }

  int memberCount() {
    return members.size();
  }

  /** Whether anything is left to time out: members, or ids handed out for a second JoinGroup. */
  boolean active() {
    return !members.isEmpty() || !pendingMembers.isEmpty();
  }

  String protocolType() {
    return protocolType;
  }

  String protocolName() {
    return protocolName;
  }

  String leaderId() {
    return leaderId;
  }

  Set<String> subscribedTopics() {
    Set<String> topics = new TreeSet<>();
    members.values().forEach(member -> topics.addAll(member.subscription()));
    return topics;
  }

  int subscribersOf(String topic) {
    return (int) members.values().stream().filter(m -> m.subscription().contains(topic)).count();
  }

  List<MemberDescription> describeMembers() {
    return members.values().stream().map(member -> member.describe(protocolName)).toList();
  }

  /** The responses decided under the monitor, to be completed once it is released. */
  List<Runnable> takeReplies() {
    List<Runnable> taken = List.copyOf(replies);
    replies.clear();
    return taken;
  }

  // ---- JoinGroup

  void join(ClassicJoin join, CompletableFuture<ClassicJoinResult> future, Moment now) {
    if (join.memberId().isEmpty()) {
      joinNewMember(join, future, now);
    } else {
      joinKnownMember(join, future, now);
    }
  }

  private void joinNewMember(
      ClassicJoin join, CompletableFuture<ClassicJoinResult> future, Moment now) {
    if (!supportsProtocols(join.protocolType(), join.protocols())) {
      reply(future, ClassicJoinResult.failed(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, ""));
      return;
    }
    String prefix = join.groupInstanceId() != null ? join.groupInstanceId() : join.clientId();
    String newMemberId = prefix + "-" + UUID.randomUUID();
    if (join.groupInstanceId() != null) {
      String existing = staticMembers.get(join.groupInstanceId());
      if (existing != null) {
        replaceStaticMember(join, existing, newMemberId, future, now);
      } else {
        addMember(newMemberId, join, future, now);
      }
    } else if (join.requireKnownMemberId()) {
      pendingMembers.put(newMemberId, now.nanoTime() + join.sessionTimeoutMs() * 1_000_000L);
      reply(future, ClassicJoinResult.failed(ErrorCode.MEMBER_ID_REQUIRED, newMemberId));
    } else {
      addMember(newMemberId, join, future, now);
    }
  }

  private void joinKnownMember(
      ClassicJoin join, CompletableFuture<ClassicJoinResult> future, Moment now) {
    String memberId = join.memberId();
    if (!supportsProtocols(join.protocolType(), join.protocols())) {
      reply(future, ClassicJoinResult.failed(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, memberId));
      return;
    }
    if (pendingMembers.containsKey(memberId)) {
      addMember(memberId, join, future, now);
      return;
    }
    ErrorCode invalid = validateMember(memberId, join.groupInstanceId());
    if (invalid != null) {
      reply(future, ClassicJoinResult.failed(invalid, memberId));
      return;
    }
    ClassicMember member = members.get(memberId);
    switch (state) {
      case PREPARING_REBALANCE -> updateMemberThenRebalance(member, join, future, now);
      case COMPLETING_REBALANCE -> {
        if (member.matches(join.protocols())) {
          // It missed its JoinGroup response: the same one again.
          reply(future, joined(member, memberId.equals(leaderId)));
        } else {
          updateMemberThenRebalance(member, join, future, now);
        }
      }
      case STABLE -> {
        if (memberId.equals(leaderId) || !member.matches(join.protocols())) {
          // The leader rejoins when it sees a change the group cannot (new partitions).
          updateMemberThenRebalance(member, join, future, now);
        } else {
          reply(future, joined(member, false));
        }
      }
      default -> reply(future, ClassicJoinResult.failed(ErrorCode.UNKNOWN_MEMBER_ID, memberId));
    }
  }

  private void addMember(
      String memberId, ClassicJoin join, CompletableFuture<ClassicJoinResult> future, Moment now) {
    ClassicMember member =
        new ClassicMember(
            memberId,
            join.groupInstanceId(),
            join.clientId(),
            join.clientHost(),
            join.protocolType());
    member.update(join);
    if (members.isEmpty()) {
      protocolType = join.protocolType();
    }
    if (leaderId == null) {
      leaderId = memberId;
    }
    members.put(memberId, member);
    if (member.isStatic()) {
      staticMembers.put(member.groupInstanceId(), memberId);
    }
    pendingMembers.remove(memberId);
    member.awaitJoin(future);
    // A new member cannot heartbeat before it knows its generation; its JoinGroup may wait this
    // long before the member is given up.
    member.heartbeat(now, NEW_MEMBER_JOIN_TIMEOUT.toMillis());
    maybePrepareRebalanceOrCompleteJoin(now);
  }

  private void updateMemberThenRebalance(
      ClassicMember member,
      ClassicJoin join,
      CompletableFuture<ClassicJoinResult> future,
      Moment now) {
    member.update(join);
    if (member.isAwaitingJoin() && member.awaitingJoin() != future) {
      // A second JoinGroup replaces the first, which is answered as Kafka answers it.
      reply(
          member.awaitingJoin(),
          ClassicJoinResult.failed(ErrorCode.UNKNOWN_MEMBER_ID, member.memberId()));
    }
    member.awaitJoin(future);
    maybePrepareRebalanceOrCompleteJoin(now);
  }

  /**
   * A static member came back with a new process (no member id): it takes over the old member's
   * place and assignment, the old id is fenced. A stable group whose protocol stays the same does
   * not rebalance: the member learns its assignment again from SyncGroup.
   */
  private void replaceStaticMember(
      ClassicJoin join,
      String oldMemberId,
      String newMemberId,
      CompletableFuture<ClassicJoinResult> future,
      Moment now) {
    ClassicMember old = members.remove(oldMemberId);
    if (old.isAwaitingJoin()) {
      reply(
          old.awaitingJoin(), ClassicJoinResult.failed(ErrorCode.FENCED_INSTANCE_ID, oldMemberId));
    }
    if (old.awaitingSync() != null) {
      reply(old.awaitingSync(), ClassicSyncResult.failed(ErrorCode.FENCED_INSTANCE_ID));
    }
    ClassicMember member = new ClassicMember(newMemberId, old);
    members.put(newMemberId, member);
    staticMembers.put(join.groupInstanceId(), newMemberId);
    if (oldMemberId.equals(leaderId)) {
      leaderId = newMemberId;
    }
    if (pendingSync.remove(oldMemberId)) {
      pendingSync.add(newMemberId);
    }
    member.update(join);
    member.heartbeat(now, member.sessionTimeoutMs());
    if (state == GroupState.STABLE && Objects.equals(protocolName, selectProtocol())) {
      reply(future, joined(member, false));
    } else {
      member.awaitJoin(future);
      if (state == GroupState.COMPLETING_REBALANCE) {
        prepareRebalance(now);
      } else {
        maybeCompleteJoinPhase(now);
      }
    }
  }

  private void maybePrepareRebalanceOrCompleteJoin(Moment now) {
    if (state == GroupState.PREPARING_REBALANCE) {
      maybeCompleteJoinPhase(now);
    } else {
      prepareRebalance(now);
    }
  }

  /**
   * Starts a rebalance: members waiting for their SyncGroup response are told to rejoin, and the
   * join phase ends when all known members have rejoined or the rebalance timeout has passed.
   */
  private void prepareRebalance(Moment now) {
    if (state == GroupState.COMPLETING_REBALANCE) {
      for (ClassicMember member : members.values()) {
        member.assign(new byte[0], List.of());
        completeSync(member, ClassicSyncResult.failed(ErrorCode.REBALANCE_IN_PROGRESS));
      }
    }
    pendingSync.clear();
    syncDeadline = null;
    state = GroupState.PREPARING_REBALANCE;
    if (allJoined()) {
      completeJoin(now);
    } else {
      joinDeadline = now.nanoTime() + rebalanceTimeoutMs() * 1_000_000L;
    }
  }

  private void maybeCompleteJoinPhase(Moment now) {
    if (state == GroupState.PREPARING_REBALANCE && allJoined()) {
      completeJoin(now);
    }
  }

  private boolean allJoined() {
    return pendingMembers.isEmpty()
        && members.values().stream().allMatch(ClassicMember::isAwaitingJoin);
  }

  /**
   * Ends the join phase: dynamic members that did not rejoin are removed, the generation moves on,
   * every waiting member gets its JoinGroup response (the leader with all members' metadata) and
   * the group waits for the leader's assignment.
   */
  private void completeJoin(Moment now) {
    joinDeadline = null;
    List<String> gone =
        members.values().stream()
            .filter(member -> !member.isAwaitingJoin() && !member.isStatic())
            .map(ClassicMember::memberId)
            .toList();
    gone.forEach(this::remove);
    if (!members.isEmpty() && !electJoinedLeader()) {
      // Nobody rejoined (only static members are left): wait another rebalance timeout.
      joinDeadline = now.nanoTime() + rebalanceTimeoutMs() * 1_000_000L;
      return;
    }
    generation++;
    if (members.isEmpty()) {
      protocolName = null;
      state = GroupState.EMPTY;
      return;
    }
    protocolName = selectProtocol();
    state = GroupState.COMPLETING_REBALANCE;
    for (ClassicMember member : members.values()) {
      if (member.isAwaitingJoin()) {
        CompletableFuture<ClassicJoinResult> future = member.awaitingJoin();
        member.awaitJoin(null);
        reply(future, joined(member, member.memberId().equals(leaderId)));
      }
      member.heartbeat(now, member.sessionTimeoutMs());
      member.joined();
      pendingSync.add(member.memberId());
    }
    syncDeadline = now.nanoTime() + rebalanceTimeoutMs() * 1_000_000L;
  }

  private boolean electJoinedLeader() {
    ClassicMember leader = leaderId == null ? null : members.get(leaderId);
    if (leader != null && leader.isAwaitingJoin()) {
      return true;
    }
    for (ClassicMember member : members.values()) {
      if (member.isAwaitingJoin()) {
        leaderId = member.memberId();
        return true;
      }
    }
    return false;
  }

  private ClassicJoinResult joined(ClassicMember member, boolean asLeader) {
    List<ClassicJoinResult.Joined> all =
        asLeader
            ? members.values().stream()
                .map(
                    m ->
                        new ClassicJoinResult.Joined(
                            m.memberId(), m.groupInstanceId(), m.metadata(protocolName)))
                .toList()
            : List.of();
    return new ClassicJoinResult(
        null, member.memberId(), generation, protocolType, protocolName, leaderId, all);
  }

  /** Kafka's choice: among the protocols every member supports, the one most members prefer. */
  private String selectProtocol() {
    Set<String> candidates = new TreeSet<>();
    members.values().iterator().next().protocols().forEach(p -> candidates.add(p.name()));
    members.values().forEach(member -> candidates.removeIf(name -> !member.supports(name)));
    Map<String, Integer> votes = new LinkedHashMap<>();
    members.values().forEach(member -> votes.merge(member.vote(candidates), 1, Integer::sum));
    return votes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  /** Whether a member with these protocols could be in the group: one that every member has. */
  private boolean supportsProtocols(String type, List<ClassicProtocol> protocols) {
    if (type == null || type.isEmpty() || protocols.isEmpty()) {
      return false;
    }
    if (members.isEmpty()) {
      return true;
    }
    return type.equals(protocolType)
        && protocols.stream()
            .anyMatch(p -> members.values().stream().allMatch(member -> member.supports(p.name())));
  }

  private int rebalanceTimeoutMs() {
    return members.values().stream().mapToInt(ClassicMember::rebalanceTimeoutMs).max().orElse(0);
  }

  // ---- SyncGroup

  void sync(ClassicSync sync, CompletableFuture<ClassicSyncResult> future, Moment now) {
    ErrorCode invalid =
        members.isEmpty()
            ? ErrorCode.UNKNOWN_MEMBER_ID
            : validateMember(sync.memberId(), sync.groupInstanceId());
    if (invalid == null && sync.generation() != generation) {
      invalid = ErrorCode.ILLEGAL_GENERATION;
    } else if (invalid == null
        && (inconsistent(sync.protocolType(), protocolType)
            || inconsistent(sync.protocolName(), protocolName))) {
      invalid = ErrorCode.INCONSISTENT_GROUP_PROTOCOL;
    }
    if (invalid != null) {
      reply(future, ClassicSyncResult.failed(invalid));
      return;
    }
    ClassicMember member = members.get(sync.memberId());
    switch (state) {
      case PREPARING_REBALANCE ->
          reply(future, ClassicSyncResult.failed(ErrorCode.REBALANCE_IN_PROGRESS));
      case COMPLETING_REBALANCE -> {
        member.awaitSync(future);
        pendingSync.remove(member.memberId());
        if (member.memberId().equals(leaderId)) {
          for (ClassicMember each : members.values()) {
            ClassicSync.MemberAssignment given = sync.assignments().get(each.memberId());
            each.assign(
                given == null ? new byte[0] : given.assignment(),
                given == null ? List.of() : given.partitions());
            if (completeSync(each, assignmentOf(each))) {
              each.heartbeat(now, each.sessionTimeoutMs());
            }
          }
          state = GroupState.STABLE;
        }
      }
      default -> {
        pendingSync.remove(member.memberId());
        reply(future, assignmentOf(member));
      }
    }
  }

  private ClassicSyncResult assignmentOf(ClassicMember member) {
    return new ClassicSyncResult(null, protocolType, protocolName, member.assignment());
  }

  private boolean completeSync(ClassicMember member, ClassicSyncResult result) {
    CompletableFuture<ClassicSyncResult> future = member.awaitingSync();
    if (future == null) {
      return false;
    }
    member.awaitSync(null);
    reply(future, result);
    return true;
  }

  private static boolean inconsistent(String asked, String actual) {
    return asked != null && actual != null && !asked.equals(actual);
  }

  // ---- Heartbeat, LeaveGroup, OffsetCommit

  /** Returns the error to answer, or null: all is well. */
  ErrorCode heartbeat(String memberId, String groupInstanceId, int generation, Moment now) {
    ErrorCode invalid = validateMember(memberId, groupInstanceId);
    if (invalid != null) {
      return invalid;
    }
    if (generation != this.generation) {
      return ErrorCode.ILLEGAL_GENERATION;
    }
    ClassicMember member = members.get(memberId);
    member.heartbeat(now, member.sessionTimeoutMs());
    return state == GroupState.PREPARING_REBALANCE ? ErrorCode.REBALANCE_IN_PROGRESS : null;
  }

  /** Removes the members; returns each one's error, or null where it left. */
  List<ErrorCode> leave(List<ClassicLeave> leaving, Moment now) {
    List<ErrorCode> results = new ArrayList<>();
    boolean left = false;
    for (ClassicLeave one : leaving) {
      ErrorCode result = null;
      if (one.memberId() == null || one.memberId().isEmpty()) {
        String memberId =
            one.groupInstanceId() == null ? null : staticMembers.get(one.groupInstanceId());
        if (memberId == null) {
          result = ErrorCode.UNKNOWN_MEMBER_ID;
        } else {
          removeLeaving(memberId);
          left = true;
        }
      } else if (pendingMembers.remove(one.memberId()) != null) {
        left = true;
      } else {
        result = validateMember(one.memberId(), one.groupInstanceId());
        if (result == null) {
          removeLeaving(one.memberId());
          left = true;
        }
      }
      results.add(result);
    }
    if (left) {
      if (state == GroupState.PREPARING_REBALANCE) {
        maybeCompleteJoinPhase(now);
      } else if (state != GroupState.EMPTY) {
        prepareRebalance(now);
      }
    }
    return results;
  }

  private void removeLeaving(String memberId) {
    ClassicMember member = members.get(memberId);
    if (member.isAwaitingJoin()) {
      reply(member.awaitingJoin(), ClassicJoinResult.failed(ErrorCode.UNKNOWN_MEMBER_ID, ""));
    }
    remove(memberId);
  }

  /**
   * Kafka's check of an offset commit: from outside the group (generation -1, no member id) only
   * while it is empty; otherwise from a member at the current generation, and not while the group
   * waits for its assignment.
   */
  void validateOffsetCommit(String memberId, String groupInstanceId, int generation) {
    boolean anonymous = (memberId == null || memberId.isEmpty()) && groupInstanceId == null;
    if (generation < 0 && state == GroupState.EMPTY) {
      return;
    }
    if (generation >= 0 || !anonymous) {
      ErrorCode invalid = validateMember(memberId, groupInstanceId);
      if (invalid != null) {
        throw new TributaryException(
            invalid,
            "Member '"
                + memberId
                + "' is not in group '"
                + groupId
                + "' (its session may have expired); join again.");
      }
      if (generation != this.generation) {
        throw new TributaryException(
            ErrorCode.ILLEGAL_GENERATION,
            "Commit from generation "
                + generation
                + " refused: group '"
                + groupId
                + "' is at generation "
                + this.generation
                + ". Rejoin, then commit the partitions you own.");
      }
    } else if (state != GroupState.EMPTY) {
      throw new TributaryException(
          ErrorCode.UNKNOWN_MEMBER_ID,
          "Group '" + groupId + "' has active members; only they can commit its offsets.");
    }
    if (state == GroupState.COMPLETING_REBALANCE) {
      throw new TributaryException(
          ErrorCode.REBALANCE_IN_PROGRESS,
          "Group '" + groupId + "' is waiting for its leader's assignment; commit after it.");
    }
  }

  private ErrorCode validateMember(String memberId, String groupInstanceId) {
    if (groupInstanceId != null) {
      String existing = staticMembers.get(groupInstanceId);
      if (existing == null) {
        return ErrorCode.UNKNOWN_MEMBER_ID;
      }
      if (!existing.equals(memberId)) {
        return ErrorCode.FENCED_INSTANCE_ID;
      }
    }
    return members.containsKey(memberId) ? null : ErrorCode.UNKNOWN_MEMBER_ID;
  }

  // ---- Time

  /**
   * Applies the deadlines that have passed: members whose session ended leave, ids handed out for a
   * second JoinGroup that never came are forgotten, the join phase ends at the rebalance timeout,
   * and members that did not send their SyncGroup in time leave. Returns the members that left.
   */
  List<String> tick(Moment now) {
    long nanos = now.nanoTime();
    List<String> expired = new ArrayList<>();
    pendingMembers.values().removeIf(deadline -> nanos - deadline > 0);
    for (Iterator<ClassicMember> it = members.values().iterator(); it.hasNext(); ) {
      ClassicMember member = it.next();
      if (member.expired(nanos)) {
        expired.add(member.memberId());
      }
    }
    expired.forEach(this::removeLeaving);
    if (!expired.isEmpty()
        && (state == GroupState.STABLE || state == GroupState.COMPLETING_REBALANCE)) {
      prepareRebalance(now);
    }
    if (state == GroupState.PREPARING_REBALANCE
        && (allJoined() || (joinDeadline != null && nanos - joinDeadline >= 0))) {
      completeJoin(now);
    }
    if (syncDeadline != null
        && nanos - syncDeadline >= 0
        && (state == GroupState.COMPLETING_REBALANCE || state == GroupState.STABLE)) {
      syncDeadline = null;
      if (!pendingSync.isEmpty()) {
        List<String> late = List.copyOf(pendingSync);
        late.forEach(this::remove);
        expired.addAll(late);
        prepareRebalance(now);
      }
    }
    return expired;
  }

  private void remove(String memberId) {
    ClassicMember member = members.remove(memberId);
    if (member != null) {
      // A SyncGroup it still waits for would never be answered, and the responses after it on
      // its connection (its LeaveGroup, say) would wait behind it.
      completeSync(member, ClassicSyncResult.failed(ErrorCode.UNKNOWN_MEMBER_ID));
    }
    if (member != null && member.isStatic()) {
      staticMembers.remove(member.groupInstanceId());
    }
    if (memberId.equals(leaderId)) {
      leaderId = members.isEmpty() ? null : members.keySet().iterator().next();
    }
    pendingMembers.remove(memberId);
    pendingSync.remove(memberId);
  }

  /** Queues a response, completed once the monitor is released ({@link #takeReplies}). */
  <T> void reply(CompletableFuture<T> future, T result) {
    replies.add(() -> future.complete(result));
  }
}
