package org.tributary.group;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

/**
 * The group coordinator's side of Kafka's classic group protocol (JoinGroup, SyncGroup, Heartbeat,
 * LeaveGroup), over the groups {@link ConsumerGroups} holds: each request runs under its group's
 * monitor, and the responses it decides (its own, and those it releases from other members' held
 * JoinGroup and SyncGroup requests) are completed after the monitor is let go. Session and
 * rebalance deadlines are applied by {@link GroupCoordinator}'s timer. Holds no state.
 */
@ApplicationScoped
public class ClassicGroupCoordinator {

  @Inject ConsumerGroups groups;
  private final Clock clock;
  private final LongSupplier nanoTime;

  public ClassicGroupCoordinator() {
    this(null, Clock.systemUTC(), System::nanoTime);
  }

  ClassicGroupCoordinator(ConsumerGroups groups, Clock clock, LongSupplier nanoTime) {
    this.groups = groups;
    this.clock = clock;
    this.nanoTime = nanoTime;
  }

  /** JoinGroup: completes when the join phase of the group's rebalance ends, or at once. */
  public CompletionStage<ClassicJoinResult> join(ClassicJoin join) {
    GroupCoordinator.requireValidGroupId(join.groupId());
    GroupCoordinator.requireValidSessionTimeout(Duration.ofMillis(join.sessionTimeoutMs()));
    CompletableFuture<ClassicJoinResult> joined = new CompletableFuture<>();
    inGroup(
        join.groupId(),
        true,
        group -> {
          group.classicJoin(join, joined, now());
          return null;
        });
    return joined;
  }

  /** SyncGroup: completes when the leader has handed out the assignment, or at once. */
  public CompletionStage<ClassicSyncResult> sync(ClassicSync sync) {
    GroupCoordinator.requireValidGroupId(sync.groupId());
    CompletableFuture<ClassicSyncResult> synced = new CompletableFuture<>();
    boolean found =
        inGroup(
            sync.groupId(),
            false,
            group -> {
              group.classicSync(sync, synced, now());
              return true;
            });
    if (!found) {
      synced.complete(ClassicSyncResult.failed(ErrorCode.UNKNOWN_MEMBER_ID));
    }
    return synced;
  }

  /** Heartbeat: null when all is well, else the error to answer. */
  public ErrorCode heartbeat(
      String groupId, String memberId, String groupInstanceId, int generation) {
    GroupCoordinator.requireValidGroupId(groupId);
    ErrorCode[] error = {ErrorCode.UNKNOWN_MEMBER_ID};
    inGroup(
        groupId,
        false,
        group -> {
          error[0] = group.classicHeartbeat(memberId, groupInstanceId, generation, now());
          return true;
        });
    return error[0];
  }

  /** LeaveGroup: per member, null when it left, else the error to answer. */
  public List<ErrorCode> leave(String groupId, List<ClassicLeave> leaving) {
    GroupCoordinator.requireValidGroupId(groupId);
    List<ErrorCode> results = inGroup(groupId, false, group -> group.classicLeave(leaving, now()));
    return results != null
        ? results
        : Collections.nCopies(leaving.size(), ErrorCode.UNKNOWN_MEMBER_ID);
  }

  /**
   * Runs {@code action} under the group's monitor, then completes the responses it decided. A group
   * that is not in memory is made when {@code create}, else the action does not run and the answer
   * is null.
   */
  private <T> T inGroup(String groupId, boolean create, Function<ConsumerGroup, T> action) {
    List<Runnable> replies = new ArrayList<>();
    Function<ConsumerGroup, T> replying =
        group -> {
          try {
            return action.apply(group);
          } finally {
            replies.addAll(group.takeReplies());
          }
        };
    try {
      if (create) {
        return groups.inGroup(groupId, replying);
      }
      try {
        return groups.inExistingGroup(groupId, replying);
      } catch (TributaryException e) {
        if (e.code() == ErrorCode.GROUP_ID_NOT_FOUND) {
          return null;
        }
        throw e;
      }
    } finally {
      replies.forEach(Runnable::run);
    }
  }

  private Moment now() {
    return new Moment(clock.instant(), nanoTime.getAsLong());
  }
}
