package org.tributary.group;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
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
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;
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
 * Kafka's group coordinator: membership, assignment, session expiry and committed offsets.
 *
 * <p>Concurrency: bean-managed, each group's monitor guards that group alone, so groups never wait
 * for each other. A commit is validated and stored under its group's monitor, so it cannot
 * interleave with the rebalance that would fence it.
 */
@Singleton
@Startup
@DependsOn("PartitionLogs")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class GroupCoordinator {

  static final int MAX_METADATA_LENGTH = 4096;
  private static final Duration MIN_SESSION_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration MAX_SESSION_TIMEOUT = Duration.ofMinutes(30);
  private static final Logger LOG = Logger.getLogger(GroupCoordinator.class.getName());

  private final Map<String, ConsumerGroup> groups = new ConcurrentHashMap<>();
  private final Clock clock = Clock.systemUTC();

  @Inject TopicCatalog topics;
  @Inject PartitionLogs logs;
  @Inject OffsetStore offsets;
  @Inject OffsetResetStore resets;
  @Resource TransactionSynchronizationRegistry transactions;

  @PostConstruct
  void removeOffsetsOfDeletedTopics() {
    int removed = offsets.deleteOrphans();
    if (removed > 0) {
      LOG.info(() -> "Removed " + removed + " committed offsets of deleted topics");
    }
  }

  public Assignment join(
      String groupId,
      String memberId,
      String clientId,
      Set<String> subscription,
      Duration sessionTimeout,
      String assignor) {
    requireValidGroupId(groupId);
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
    ConsumerGroup group = groups.computeIfAbsent(groupId, ConsumerGroup::new);
    synchronized (group) {
      return group.join(
          memberId,
          clientId == null ? "consumer" : clientId,
          subscription,
          sessionTimeout,
          assignor,
          clock.instant(),
          partitionCounts());
    }
  }

  public Assignment heartbeat(String groupId, String memberId) {
    ConsumerGroup group = existingGroup(groupId);
    synchronized (group) {
      return group.heartbeat(memberId, clock.instant());
    }
  }

  public void leave(String groupId, String memberId) {
    ConsumerGroup group = existingGroup(groupId);
    synchronized (group) {
      group.leave(memberId, partitionCounts());
    }
  }

  /**
   * Commits offsets for a member of the group (see {@link ConsumerGroup#checkCommit}), or for a
   * consumer outside the group ({@code memberId} null, {@code generation} -1) while the group has
   * no members. Inside a JTA transaction the offsets are written in it, so they commit or roll back
   * with the caller's own work.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public void commit(
      String groupId,
      String memberId,
      int generation,
      Map<TopicPartition, OffsetAndMetadata> commits) {
    requireValidGroupId(groupId);
    ConsumerGroup group = groups.computeIfAbsent(groupId, ConsumerGroup::new);
    synchronized (group) {
      commits.forEach(this::requireValidCommit);
      group.checkCommit(memberId, generation, commits.keySet());
      commits.forEach(this::requireWithinLog);
      offsets.commit(groupId, commits);
    }
    if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
      transactions.registerInterposedSynchronization(
          new FenceAtCommit(group, memberId, generation, Set.copyOf(commits.keySet())));
    }
  }

  /**
   * An offset commit inside the caller's transaction is written when that transaction commits; a
   * rebalance in between may have given the partitions away. Checked again just before, the
   * transaction is rolled back (the app's work and sends with it) if the member was fenced.
   */
  private final class FenceAtCommit implements Synchronization {

    private final ConsumerGroup group;
    private final String memberId;
    private final int generation;
    private final Set<TopicPartition> partitions;

    FenceAtCommit(
        ConsumerGroup group, String memberId, int generation, Set<TopicPartition> partitions) {
      this.group = group;
      this.memberId = memberId;
      this.generation = generation;
      this.partitions = partitions;
    }

    @Override
    public void beforeCompletion() {
      synchronized (group) {
        try {
          group.checkCommit(memberId, generation, partitions);
        } catch (TributaryException fenced) {
          LOG.info(() -> "Rolling back a transaction whose offset commit was fenced: " + fenced);
          transactions.setRollbackOnly();
        }
      }
    }

    @Override
    public void afterCompletion(int status) {}
  }

  public Map<TopicPartition, OffsetAndMetadata> committed(String groupId) {
    requireValidGroupId(groupId);
    return offsets.committed(groupId);
  }

  /**
   * Where a member of the group starts reading a partition: after the group's committed offset, or,
   * with no commit or one that retention has passed, where {@code auto.offset.reset} says.
   */
  public long startingOffset(String groupId, TopicPartition partition, OffsetResetPolicy reset) {
    return startingOffsets(groupId, List.of(partition), reset).get(partition);
  }

  /** {@link #startingOffset} of several partitions, reading the group's commits once. */
  public Map<TopicPartition, Long> startingOffsets(
      String groupId, Collection<TopicPartition> partitions, OffsetResetPolicy reset) {
    Map<TopicPartition, OffsetAndMetadata> committed = committed(groupId);
    Map<TopicPartition, Long> starts = new HashMap<>();
    for (TopicPartition partition : partitions) {
      PartitionOffsets bounds = logs.offsets(partition.topic(), partition.partition());
      OffsetAndMetadata commit = committed.get(partition);
      starts.put(
          partition,
          commit != null
                  && commit.offset() >= bounds.logStartOffset()
                  && commit.offset() <= bounds.highWatermark()
              ? commit.offset()
              : reset.startOffset(partition, bounds.logStartOffset(), bounds.highWatermark()));
    }
    return starts;
  }

  /**
   * Plans a reset of the group's committed offsets and, unless {@code dryRun}, executes and records
   * it. Execution is refused while the group has members, as Kafka refuses it: they would overwrite
   * it. A dry run changes nothing, so it shows the plan whatever the group's state.
   */
  public OffsetReset resetOffsets(
      String groupId, OffsetResetRequest request, boolean dryRun, String executedBy) {
    requireValidGroupId(groupId);
    TopicMetadata topic = topics.get(request.topic());
    List<Integer> partitions =
        request.partitions() == null
            ? IntStream.range(0, topic.partitions()).boxed().toList()
            : request.partitions();
    requirePartitions(topic, partitions);
    Instant now = clock.instant();
    return reset(
        new PlannedReset(groupId, topic.name(), request.strategy(), null, dryRun, executedBy, now),
        new TreeSet<>(partitions),
        (partition, current, bounds) ->
            request.target(
                current,
                bounds.logStartOffset(),
                bounds.highWatermark(),
                time -> logs.offsetForTimestamp(topic.name(), partition, time.toEpochMilli()),
                now));
  }

  /**
   * Plans (or executes) the undo of an executed reset: every partition it changed goes back to its
   * offset before, clamped to the log as it is now; a partition that had no committed offset loses
   * the one the reset gave it. Refused while the group has members, like any reset.
   */
  public OffsetReset undoOffsetReset(
      String groupId, long resetId, boolean dryRun, String executedBy) {
    requireValidGroupId(groupId);
    OffsetReset undone =
        resets
            .find(resetId)
            .filter(reset -> reset.groupId().equals(groupId))
            .orElseThrow(
                () ->
                    new TributaryException(
                        ErrorCode.OFFSET_RESET_NOT_FOUND,
                        "Group '" + groupId + "' has no executed offset reset " + resetId + "."));
    TopicMetadata topic = topics.get(undone.topic());
    Map<Integer, Long> before = new HashMap<>();
    undone.partitions().stream()
        .filter(p -> topic.hasPartition(p.partition()))
        .forEach(p -> before.put(p.partition(), p.currentOffset()));
    return reset(
        new PlannedReset(
            groupId,
            topic.name(),
            OffsetResetStrategy.UNDO,
            resetId,
            dryRun,
            executedBy,
            clock.instant()),
        new TreeSet<>(before.keySet()),
        (partition, current, bounds) -> {
          Long offset = before.get(partition);
          return offset == null ? null : bounds.clamp(offset);
        });
  }

  /**
   * Executes exactly a plan that a dry run showed (an operator previewed it and confirmed): each
   * partition gets the plan's new offset, provided its committed offset is still the one the plan
   * showed; otherwise nothing changes and the caller is asked to preview again. Refused while the
   * group has members, like any reset.
   */
  public OffsetReset applyPlan(OffsetReset plan, String executedBy) {
    requireValidGroupId(plan.groupId());
    TopicMetadata topic = topics.get(plan.topic());
    Map<Integer, PartitionReset> planned = new HashMap<>();
    plan.partitions().forEach(p -> planned.put(p.partition(), p));
    requirePartitions(topic, planned.keySet());
    return reset(
        new PlannedReset(
            plan.groupId(),
            topic.name(),
            plan.strategy(),
            plan.undoes(),
            false,
            executedBy,
            clock.instant()),
        new TreeSet<>(planned.keySet()),
        (partition, current, bounds) -> {
          PartitionReset line = planned.get(partition);
          if (!Objects.equals(current, line.currentOffset())) {
            throw new TributaryException(
                ErrorCode.STALE_RESET_PLAN,
                "The committed offset of "
                    + topic.name()
                    + "-"
                    + partition
                    + " changed since the preview (now "
                    + current
                    + ", then "
                    + line.currentOffset()
                    + "); nothing was reset. Preview again.");
          }
          return line.newOffset() == null ? null : bounds.clamp(line.newOffset());
        });
  }

  private static void requirePartitions(TopicMetadata topic, Collection<Integer> partitions) {
    for (int partition : partitions) {
      if (!topic.hasPartition(partition)) {
        throw TributaryException.unknownPartition(topic.name(), partition, topic.partitions());
      }
    }
  }

  /** What every reset shares, whatever computes its offsets. */
  private record PlannedReset(
      String groupId,
      String topic,
      OffsetResetStrategy strategy,
      Long undoes,
      boolean dryRun,
      String executedBy,
      Instant at) {}

  /** A partition's new committed offset, or null to remove its commit. */
  @FunctionalInterface
  private interface PartitionTarget {
    Long of(int partition, Long current, PartitionOffsets bounds);
  }

  private OffsetReset reset(PlannedReset plan, Set<Integer> partitions, PartitionTarget target) {
    // compute() holds the group's map entry, so no member can join meanwhile, and a group that
    // does not exist yet is not created by a reset (let alone a dry run).
    OffsetReset[] done = new OffsetReset[1];
    groups.compute(
        plan.groupId(),
        (id, group) -> {
          if (group == null) {
            done[0] = resetInactiveGroup(plan, partitions, target);
          } else {
            synchronized (group) {
              if (group.hasMembers() && !plan.dryRun()) {
                throw new TributaryException(
                    ErrorCode.NON_EMPTY_GROUP,
                    "Group '"
                        + plan.groupId()
                        + "' has active members; stop its consumers (or wait for their sessions"
                        + " to expire) before resetting its offsets.");
              }
              done[0] = resetInactiveGroup(plan, partitions, target);
            }
          }
          return group;
        });
    return done[0];
  }

  private OffsetReset resetInactiveGroup(
      PlannedReset plan, Set<Integer> partitions, PartitionTarget target) {
    Map<TopicPartition, OffsetAndMetadata> committed = offsets.committed(plan.groupId());
    List<PartitionReset> changes = new ArrayList<>();
    Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    List<TopicPartition> removals = new ArrayList<>();
    for (int partition : partitions) {
      TopicPartition tp = new TopicPartition(plan.topic(), partition);
      OffsetAndMetadata current = committed.get(tp);
      Long currentOffset = current == null ? null : current.offset();
      Long newOffset = target.of(partition, currentOffset, logs.offsets(plan.topic(), partition));
      changes.add(new PartitionReset(plan.topic(), partition, currentOffset, newOffset));
      if (newOffset == null) {
        removals.add(tp);
      } else {
        commits.put(
            tp, new OffsetAndMetadata(newOffset, "reset by " + plan.executedBy(), plan.at()));
      }
    }
    OffsetReset reset =
        new OffsetReset(
            null,
            plan.groupId(),
            plan.topic(),
            plan.strategy(),
            plan.undoes(),
            plan.dryRun(),
            plan.executedBy(),
            plan.at(),
            List.copyOf(changes));
    return plan.dryRun() ? reset : reset.executed(resets.execute(reset, commits, removals));
  }

  /** The executed offset resets of a group, or of all groups when null, newest first. */
  public List<OffsetReset> offsetResets(String groupId, int limit) {
    if (groupId != null) {
      requireValidGroupId(groupId);
    }
    return resets.list(groupId, limit);
  }

  public List<String> listGroups() {
    Set<String> ids = new TreeSet<>(groups.keySet());
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
    Set<String> ids = new TreeSet<>(groups.keySet());
    ids.addAll(committed.keySet());
    return ids.stream()
        .map(id -> describe(id, committed.getOrDefault(id, Map.of())))
        .filter(group -> group.state() != GroupState.DEAD)
        .toList();
  }

  private GroupDescription describe(
      String groupId, Map<TopicPartition, OffsetAndMetadata> committed) {
    ConsumerGroup group = groups.get(groupId);
    GroupState state;
    int generation = 0;
    String assignor = RangeAssignor.NAME;
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
        members = group.describeMembers();
        lagTopics.addAll(group.subscribedTopics());
      }
    }
    return new GroupDescription(
        groupId, state, generation, assignor, members, lags(lagTopics, committed));
  }

  /** Removes members whose session timed out, moving their partitions to live members. */
  @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
  void expireMembers() {
    Instant now = clock.instant();
    for (ConsumerGroup group : groups.values()) {
      synchronized (group) {
        if (group.hasMembers()) {
          // Partition counts read under the group's monitor, after any rebalance that a topic
          // change made, so an expiry never assigns from stale counts.
          List<String> expired = group.expire(now, partitionCounts());
          if (!expired.isEmpty()) {
            LOG.info(() -> "Group " + group.groupId() + ": session expired for " + expired);
          }
        }
      }
    }
  }

  /**
   * Removes the deleted topic's committed offsets. Each group's monitor is passed first, so a
   * commit that validated the topic before it was deleted has been stored and goes too; later
   * commits fail validation because the topic is no longer in the catalog.
   */
  public void onTopicDeleted(@Observes TopicDeleted deleted) {
    for (ConsumerGroup group : groups.values()) {
      synchronized (group) {
        // barrier only
      }
    }
    try {
      offsets.deleteTopic(deleted.topic().name());
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Offsets of deleted topic " + deleted.topic().name() + " stay until the next start",
          e);
    }
    rebalanceGroupsSubscribedTo(deleted.topic().name());
  }

  /** New partitions, or a new topic someone already subscribed to, go to the groups at once. */
  public void onPartitionsChanged(@Observes PartitionsChanged changed) {
    rebalanceGroupsSubscribedTo(changed.topic().name());
  }

  private void rebalanceGroupsSubscribedTo(String topic) {
    Map<String, Integer> partitionCounts = partitionCounts();
    for (ConsumerGroup group : groups.values()) {
      synchronized (group) {
        if (group.subscribedTopics().contains(topic)) {
          group.topicsChanged(partitionCounts);
        }
      }
    }
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
                partition.highWatermark(),
                Math.max(0, partition.highWatermark() - from)));
      }
    }
    return lags;
  }

  private Map<String, Integer> partitionCounts() {
    Map<String, Integer> counts = new HashMap<>();
    for (TopicMetadata topic : topics.all()) {
      counts.put(topic.name(), topic.partitions());
    }
    return counts;
  }

  private ConsumerGroup existingGroup(String groupId) {
    requireValidGroupId(groupId);
    ConsumerGroup group = groups.get(groupId);
    if (group == null) {
      throw new TributaryException(
          ErrorCode.GROUP_ID_NOT_FOUND, "Consumer group '" + groupId + "' has no members.");
    }
    return group;
  }

  private void requireValidCommit(TopicPartition partition, OffsetAndMetadata commit) {
    TopicMetadata topic = topics.get(partition.topic());
    if (!topic.hasPartition(partition.partition())) {
      throw TributaryException.unknownPartition(
          topic.name(), partition.partition(), topic.partitions());
    }
    if (commit.offset() < 0) {
      throw new TributaryException(
          ErrorCode.OFFSET_OUT_OF_RANGE,
          "Cannot commit negative offset " + commit.offset() + " for " + partition + ".");
    }
    if (commit.metadata() != null && commit.metadata().length() > MAX_METADATA_LENGTH) {
      throw new TributaryException(
          ErrorCode.OFFSET_METADATA_TOO_LARGE,
          "Offset metadata for "
              + partition
              + " is longer than "
              + MAX_METADATA_LENGTH
              + " characters.");
    }
  }

  /** After fencing, so that a fenced member hears of its generation first, as in Kafka. */
  private void requireWithinLog(TopicPartition partition, OffsetAndMetadata commit) {
    long highWatermark = logs.offsets(partition.topic(), partition.partition()).highWatermark();
    if (commit.offset() > highWatermark) {
      // As Kafka's consumer never commits past what it could fetch: a position beyond the log's
      // end is no position at all, and lag and resets would read it as real.
      throw new TributaryException(
          ErrorCode.OFFSET_OUT_OF_RANGE,
          "Cannot commit offset "
              + commit.offset()
              + " for "
              + partition
              + ": it is beyond the high watermark "
              + highWatermark
              + ". Commit an offset you have consumed up to.");
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
