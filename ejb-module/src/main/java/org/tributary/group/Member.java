package org.tributary.group;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.tributary.topic.TopicPartition;

/** One member of a consumer group. Guarded by its group's lock, like the group itself. */
final class Member {

  private final String memberId;
  private final String clientId;
  private Set<String> subscription;
  private Duration sessionTimeout;
  private Instant lastHeartbeat;
  private long lastHeartbeatNanos;
  private List<TopicPartition> assignment = List.of();
  private List<TopicPartition> owned = List.of();
  private int knownGeneration = -1;

  Member(
      String memberId,
      String clientId,
      Set<String> subscription,
      Duration sessionTimeout,
      Moment now) {
    this.memberId = memberId;
    this.clientId = clientId;
    this.subscription = Set.copyOf(subscription);
    this.sessionTimeout = sessionTimeout;
    heartbeat(now);
  }

  String memberId() {
    return memberId;
  }

  Set<String> subscription() {
    return subscription;
  }

  List<TopicPartition> assignment() {
    return assignment;
  }

  boolean knows(int generation) {
    return knownGeneration == generation;
  }

  /** Returns whether the subscription changed. */
  boolean rejoin(Set<String> topics, Duration timeout, Moment now) {
    boolean changed = !subscription.equals(topics);
    subscription = Set.copyOf(topics);
    sessionTimeout = timeout;
    heartbeat(now);
    return changed;
  }

  void heartbeat(Moment now) {
    lastHeartbeat = now.wallTime();
    lastHeartbeatNanos = now.nanoTime();
  }

  void assign(List<TopicPartition> partitions) {
    assignment = List.copyOf(partitions);
  }

  /** What the member was last told it owns, and may still be consuming. */
  List<TopicPartition> owned() {
    return owned;
  }

  void handed(List<TopicPartition> partitions, int generation) {
    owned = List.copyOf(partitions);
    knownGeneration = generation;
  }

  /** Whether the member has been told its whole current assignment. */
  boolean ownsItsAssignment() {
    return owned.equals(assignment);
  }

  /** Measured on the monotonic clock only: see {@link Moment}. */
  boolean expired(long nowNanos) {
    return nowNanos - lastHeartbeatNanos > sessionTimeout.toNanos();
  }

  MemberDescription describe() {
    return new MemberDescription(memberId, clientId, subscription, assignment, lastHeartbeat);
  }
}
