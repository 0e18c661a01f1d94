package org.tributary.group;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.tributary.topic.TopicPartition;

/**
 * One member of a Kafka-protocol group (Kafka's {@code ClassicGroupMember}): its protocols, its
 * timeouts, the JoinGroup or SyncGroup response it waits for, and the assignment the leader gave
 * it. Guarded by its group's monitor, like the group.
 */
final class ClassicMember {

  private final String memberId;
  private final String groupInstanceId;
  private final String clientId;
  private final String clientHost;
  private final String protocolType;
  private List<ClassicProtocol> protocols;
  private Set<String> subscription;
  private int sessionTimeoutMs;
  private int rebalanceTimeoutMs;
  private byte[] assignment = new byte[0];
  private List<TopicPartition> assigned = List.of();
  private CompletableFuture<ClassicJoinResult> awaitingJoin;
  private CompletableFuture<ClassicSyncResult> awaitingSync;
  private long heartbeatDeadlineNanos;
  private Instant lastHeartbeat;
  private boolean isNew = true;

  ClassicMember(String memberId, ClassicMember replaced) {
    this(
        memberId,
        replaced.groupInstanceId,
        replaced.clientId,
        replaced.clientHost,
        replaced.protocolType);
    protocols = replaced.protocols;
    subscription = replaced.subscription;
    sessionTimeoutMs = replaced.sessionTimeoutMs;
    rebalanceTimeoutMs = replaced.rebalanceTimeoutMs;
    assignment = replaced.assignment;
    assigned = replaced.assigned;
    lastHeartbeat = replaced.lastHeartbeat;
    isNew = false;
  }

  ClassicMember(
      String memberId,
      String groupInstanceId,
      String clientId,
      String clientHost,
      String protocolType) {
    this.memberId = memberId;
    this.groupInstanceId = groupInstanceId;
    this.clientId = clientId;
    this.clientHost = clientHost;
    this.protocolType = protocolType;
  }

  String memberId() {
    return memberId;
  }

  String groupInstanceId() {
    return groupInstanceId;
  }

  boolean isStatic() {
    return groupInstanceId != null;
  }

  String protocolType() {
    return protocolType;
  }

  List<ClassicProtocol> protocols() {
    return protocols;
  }

  Set<String> subscription() {
    return subscription;
  }

  int sessionTimeoutMs() {
    return sessionTimeoutMs;
  }

  int rebalanceTimeoutMs() {
    return rebalanceTimeoutMs;
  }

  /** New protocols and timeouts, from a JoinGroup. */
  void update(ClassicJoin join) {
    protocols = List.copyOf(join.protocols());
    subscription = Set.copyOf(join.subscription());
    sessionTimeoutMs = join.sessionTimeoutMs();
    rebalanceTimeoutMs = join.rebalanceTimeoutMs();
  }

  /** Whether the member sent exactly these protocols and metadata before. */
  boolean matches(List<ClassicProtocol> other) {
    if (other.size() != protocols.size()) {
      return false;
    }
    for (int i = 0; i < other.size(); i++) {
      if (!other.get(i).name().equals(protocols.get(i).name())
          || !Arrays.equals(other.get(i).metadata(), protocols.get(i).metadata())) {
        return false;
      }
    }
    return true;
  }

  boolean supports(String protocol) {
    return protocols.stream().anyMatch(p -> p.name().equals(protocol));
  }

  byte[] metadata(String protocol) {
    return protocols.stream()
        .filter(p -> p.name().equals(protocol))
        .map(ClassicProtocol::metadata)
        .findFirst()
        .orElse(new byte[0]);
  }

  /** The member's most preferred protocol among the candidates (Kafka's vote). */
  String vote(Set<String> candidates) {
    return protocols.stream()
        .map(ClassicProtocol::name)
        .filter(candidates::contains)
        .findFirst()
        .orElseThrow();
  }

  byte[] assignment() {
    return assignment;
  }

  List<TopicPartition> assigned() {
    return assigned;
  }

  void assign(byte[] bytes, List<TopicPartition> partitions) {
    assignment = bytes;
    assigned = List.copyOf(partitions);
  }

  CompletableFuture<ClassicJoinResult> awaitingJoin() {
    return awaitingJoin;
  }

  void awaitJoin(CompletableFuture<ClassicJoinResult> future) {
    awaitingJoin = future;
  }

  boolean isAwaitingJoin() {
    return awaitingJoin != null;
  }

  CompletableFuture<ClassicSyncResult> awaitingSync() {
    return awaitingSync;
  }

  void awaitSync(CompletableFuture<ClassicSyncResult> future) {
    awaitingSync = future;
  }

  boolean isNew() {
    return isNew;
  }

  void joined() {
    isNew = false;
  }

  /** The next heartbeat is due within {@code timeoutMs} of {@code now}. */
  void heartbeat(Moment now, long timeoutMs) {
    heartbeatDeadlineNanos = now.nanoTime() + timeoutMs * 1_000_000L;
    lastHeartbeat = now.wallTime();
  }

  /**
   * Whether the member's session has ended (Kafka's {@code hasSatisfiedHeartbeat}, negated): a
   * known member waiting in a rebalance is alive; a new one waits at most its join timeout.
   */
  boolean expired(long nowNanos) {
    if (nowNanos - heartbeatDeadlineNanos <= 0) {
      return false;
    }
    return isNew || (awaitingJoin == null && awaitingSync == null);
  }

  MemberDescription describe(String protocol) {
    return new MemberDescription(
        memberId,
        clientId,
        subscription,
        assigned,
        lastHeartbeat,
        groupInstanceId,
        clientHost,
        metadata(protocol),
        assignment);
  }
}
