package org.tributary.group;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.log.PartitionLogs;
import org.tributary.log.PartitionOffsets;
import org.tributary.topic.PartitionsChanged;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicDeleted;
import org.tributary.topic.TopicMetadata;
import org.tributary.topic.TopicPartition;

/**
 * Kafka's group coordinator for membership: join, heartbeat, leave, session expiry, rebalances when
 * subscribed topics change, and what a group looks like (members, assignment, lag). Committed
 * offsets are {@link OffsetCommits}', resets {@link OffsetResets}'; the groups themselves are held
 * by {@link ConsumerGroups}, each under its own monitor.
 *
 * <p>Deadlines (session expiry, eviction) use the monotonic clock, never the wall clock. A group
 * without members and writes leaves memory after {@link #EMPTY_GROUP_GRACE}; its commits stay in
 * the database.
 */
@Singleton
@Startup
@DependsOn("PartitionLogs")
// Bean-managed: each group's monitor guards that group, so groups never wait for each other.
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class GroupCoordinator {

  private static final Duration MIN_SESSION_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration MAX_SESSION_TIMEOUT = Duration.ofMinutes(30);
  private static final Logger LOG = Logger.getLogger(GroupCoordinator.class.getName());

  /** How long a group without members stays in memory after its last activity. */
  static final Duration EMPTY_GROUP_GRACE = Duration.ofMinutes(1);

  @Inject ConsumerGroups groups;
  @Inject OffsetCommits commits;
  @Inject OffsetStore offsets;
  @Inject TopicCatalog topics;
  @Inject PartitionLogs logs;
  private final Clock clock;
  private final LongSupplier nanoTime;

  public GroupCoordinator() {
    this.clock = Clock.systemUTC();
    this.nanoTime = System::nanoTime;
  }

  GroupCoordinator(
      ConsumerGroups groups,
      OffsetCommits commits,
      OffsetStore offsets,
      TopicCatalog topics,
      PartitionLogs logs,
      Clock clock,
      LongSupplier nanoTime) {
    this.groups = groups;
    this.commits = commits;
    this.offsets = offsets;
    this.topics = topics;
    this.logs = logs;
    this.clock = clock;
    this.nanoTime = nanoTime;
  }

  public Assignment join(
      String groupId,
      String memberId,
      String clientId,
      Set<String> subscription,
      Duration sessionTimeout,
      String assignor) {
    requireValidGroupId(groupId);
    requireValidSessionTimeout(sessionTimeout);
    return groups.inGroup(
        groupId,
        group ->
            group.join(
                memberId,
                clientId == null ? "consumer" : clientId,
                subscription,
                sessionTimeout,
                assignor,
                now(),
                partitionCounts()));
  }

  public Assignment heartbeat(String groupId, String memberId) {
    requireValidGroupId(groupId);
    return groups.inExistingGroup(groupId, group -> group.heartbeat(memberId, now()));
  }

  public void leave(String groupId, String memberId) {
    requireValidGroupId(groupId);
    groups.inExistingGroup(
        groupId,
        group -> {
          group.leave(memberId, partitionCounts(), nanoTime.getAsLong());
          return null;
        });
  }

  public List<String> listGroups() {
    Set<String> ids = groups.groupIds();
    ids.addAll(offsets.groupIds());
    return new ArrayList<>(ids);
  }

  /** Members, assignment, and per partition the committed offset, log end and lag. */
  public GroupDescription describe(String groupId) {
    requireValidGroupId(groupId);
    return describe(groupId, offsets.committed(groupId));
  }

  /** {@link #describe} of every group with members or commits, reading all commits at once. */
  public List<GroupDescription> describeAll() {
    Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = offsets.committedByGroup();
    Set<String> ids = groups.groupIds();
    ids.addAll(committed.keySet());
    return ids.stream()
        .map(id -> describe(id, committed.getOrDefault(id, Map.of())))
        .filter(group -> group.state() != GroupState.DEAD)
        .toList();
  }

  private GroupDescription describe(
      String groupId, Map<TopicPartition, OffsetAndMetadata> committed) {
    ConsumerGroup group = groups.find(groupId);
    GroupState state;
    int generation = 0;
    String assignor = RangeAssignor.NAME;
    String protocolType = "consumer";
    List<MemberDescription> members = List.of();
    Set<String> lagTopics = new TreeSet<>();
    committed.keySet().forEach(partition -> lagTopics.add(partition.topic()));
    if (group == null) {
      state = committed.isEmpty() ? GroupState.DEAD : GroupState.EMPTY;
    } else {
      synchronized (group) {
        state = group.state();
        generation = group.generation();
        assignor = group.assignorName();
        protocolType = group.protocolType();
        members = group.describeMembers();
        lagTopics.addAll(group.subscribedTopics());
      }
    }
    return new GroupDescription(
        groupId, state, generation, assignor, members, lags(lagTopics, committed), protocolType);
  }

  private List<PartitionLag> lags(
      Set<String> topicNames, Map<TopicPartition, OffsetAndMetadata> committed) {
    List<PartitionLag> lags = new ArrayList<>();
    for (String topic : topicNames) {
      if (topics.find(topic).isEmpty()) {
        continue;
      }
      for (PartitionOffsets partition : logs.offsets(topic)) {
        OffsetAndMetadata commit = committed.get(new TopicPartition(topic, partition.partition()));
        Long committedOffset = commit == null ? null : commit.offset();
        long from = commit == null ? partition.logStartOffset() : commit.offset();
        lags.add(
            new PartitionLag(
                topic,
                partition.partition(),
                committedOffset,
                partition.lastStableOffset(),
                Math.max(0, partition.lastStableOffset() - from)));
      }
    }
    return lags;
  }

  /**
   * Removes members whose session timed out, moving their partitions to live members, and drops the
   * groups left without members, writes or activity for {@link #EMPTY_GROUP_GRACE}.
   */
  @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
  void expireMembers() {
    Moment now = now();
    for (ConsumerGroup group : groups.all()) {
      List<Runnable> replies;
      synchronized (group) {
        if (group.hasDeadlines()) {
          // Partition counts read under the group's monitor, after any rebalance that a topic
          // change made, so an expiry never assigns from stale counts.
          List<String> expired = group.expire(now, partitionCounts());
          if (!expired.isEmpty()) {
            LOG.info(() -> "Group " + group.groupId() + ": session expired for " + expired);
          }
        }
        replies = group.takeReplies();
      }
      replies.forEach(Runnable::run);
    }
    groups.evictIdle(EMPTY_GROUP_GRACE);
  }

  /** The deleted topic's committed offsets go first, then its partitions leave the groups. */
  public void onTopicDeleted(@Observes TopicDeleted deleted) {
    commits.removeTopic(deleted.topic().name());
    rebalanceGroupsSubscribedTo(deleted.topic().name());
  }

  /** New partitions, or a new topic someone already subscribed to, go to the groups at once. */
  public void onPartitionsChanged(@Observes PartitionsChanged changed) {
    rebalanceGroupsSubscribedTo(changed.topic().name());
  }

  private void rebalanceGroupsSubscribedTo(String topic) {
    Map<String, Integer> partitionCounts = partitionCounts();
    for (ConsumerGroup group : groups.all()) {
      synchronized (group) {
        if (group.subscribedTopics().contains(topic)) {
          group.topicsChanged(partitionCounts);
        }
      }
    }
  }

  private Map<String, Integer> partitionCounts() {
    Map<String, Integer> counts = new HashMap<>();
    for (TopicMetadata topic : topics.all()) {
      counts.put(topic.name(), topic.partitions());
    }
    return counts;
  }

  private Moment now() {
    return new Moment(clock.instant(), nanoTime.getAsLong());
  }

  /** Kafka's group.min/max.session.timeout.ms, as this broker sets them. */
  static void requireValidSessionTimeout(Duration sessionTimeout) {
    if (sessionTimeout.compareTo(MIN_SESSION_TIMEOUT) < 0
        || sessionTimeout.compareTo(MAX_SESSION_TIMEOUT) > 0) {
      throw new TributaryException(
          ErrorCode.INVALID_SESSION_TIMEOUT,
          "Session timeout must be between "
              + MIN_SESSION_TIMEOUT.toMillis()
              + " and "
              + MAX_SESSION_TIMEOUT.toMillis()
              + " ms, was "
              + sessionTimeout.toMillis()
              + ".");
    }
  }

  /** Kafka's rule for group ids, also for consumers checked before they join. */
  public static void requireValidGroupId(String groupId) {
    if (groupId == null || groupId.isBlank() || groupId.length() > 255) {
      throw new TributaryException(
          ErrorCode.INVALID_GROUP_ID, "Group id must be 1 to 255 characters and not blank.");
    }
  }
}
