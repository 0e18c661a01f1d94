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
  private List<TopicPartition> assignment = List.of();
  private List<TopicPartition> owned = List.of();
  private int knownGeneration = -1;

  Member(
      String memberId,
      String clientId,
      Set<String> subscription,
      Duration sessionTimeout,
      Instant now) {
    this.memberId = memberId;
    this.clientId = clientId;
    this.subscription = Set.copyOf(subscription);
    this.sessionTimeout = sessionTimeout;
    this.lastHeartbeat = now;
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
  boolean rejoin(Set<String> topics, Duration timeout, Instant now) {
    boolean changed = !subscription.equals(topics);
    subscription = Set.copyOf(topics);
    sessionTimeout = timeout;
    lastHeartbeat = now;
    return changed;
  }

  void heartbeat(Instant now) {
    lastHeartbeat = now;
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

  boolean expired(Instant now) {
    return lastHeartbeat.plus(sessionTimeout).isBefore(now);
  }

  MemberDescription describe() {
    return new MemberDescription(memberId, clientId, subscription, assignment, lastHeartbeat);
  }
}
