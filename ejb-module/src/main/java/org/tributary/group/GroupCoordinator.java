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
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
 * for each other. No database work runs under a group's monitor: a commit is validated and marked
 * in flight under it, written outside it, and its partitions are not handed to another member until
 * the write has ended (or, inside the caller's transaction, until that transaction has ended), so
 * the write cannot interleave with the rebalance that would fence it. A group without members and
 * writes leaves memory after {@link #EMPTY_GROUP_GRACE}; its commits stay in the database.
 *
 * <p>Deadlines (session expiry, eviction) use the monotonic clock, never the wall clock.
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

  /** How long a group without members stays in memory after its last activity. */
  static final Duration EMPTY_GROUP_GRACE = Duration.ofMinutes(1);

  /** How long a reset or a topic deletion waits for offset writes in flight to end. */
  private static final Duration WRITES_IN_FLIGHT_WAIT = Duration.ofSeconds(10);

  private final Map<String, ConsumerGroup> groups = new ConcurrentHashMap<>();
  private final Clock clock = Clock.systemUTC();
  private final LongSupplier nanoTime = System::nanoTime;

  @Inject TopicCatalog topics;
  @Inject PartitionLogs logs;
  @Inject OffsetStore offsets;
  @Inject OffsetResetStore resets;
  @Resource TransactionSynchronizationRegistry transactions;

  @Inject
  @ConfigProperty(name = "tributary.group.max-commit-partitions", defaultValue = "10000")
  int maxCommitPartitions;

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
    return inGroup(
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
    return inExistingGroup(groupId, group -> group.heartbeat(memberId, now()));
  }

  public void leave(String groupId, String memberId) {
    inExistingGroup(
        groupId,
        group -> {
          group.leave(memberId, partitionCounts(), nanoTime.getAsLong());
          return null;
        });
  }

  /**
   * Commits offsets for a member of the group (see {@link ConsumerGroup#checkCommit}), or for a
   * consumer outside the group ({@code memberId} null, {@code generation} -1) while the group has
   * no members. Inside a JTA transaction the offsets are written in it, so they commit or roll back
   * with the caller's own work. At most {@code tributary.group.max-commit-partitions} partitions
   * per request, each of an existing topic.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public void commit(
      String groupId,
      String memberId,
      int generation,
      Map<TopicPartition, OffsetAndMetadata> commits) {
    requireValidGroupId(groupId);
    if (commits.size() > maxCommitPartitions) {
      throw new TributaryException(
          ErrorCode.INVALID_REQUEST,
          "An offset commit may name at most "
              + maxCommitPartitions
              + " partitions (tributary.group.max-commit-partitions), this one names "
              + commits.size()
              + ". Split it.");
    }
    Set<TopicPartition> partitions = Set.copyOf(commits.keySet());
    // Validated under the monitor, so a topic deletion's barrier (onTopicDeleted) sees the write.
    ConsumerGroup group =
        inGroup(
            groupId,
            found -> {
              commits.forEach(this::requireValidCommit);
              found.checkCommit(memberId, generation, partitions);
              commits.forEach(this::requireWithinLog);
              found.beginCommit(memberId, generation, partitions);
              return found;
            });
    boolean endsWithTransaction = false;
    try {
      if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
        transactions.registerInterposedSynchronization(
            new FenceAtCommit(group, memberId, generation, partitions));
        endsWithTransaction = true;
      }
      offsets.commit(groupId, commits);
    } finally {
      if (!endsWithTransaction) {
        endWrite(group, partitions);
      }
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
    public void afterCompletion(int status) {
      endWrite(group, partitions);
    }
  }

  private void endWrite(ConsumerGroup group, Set<TopicPartition> partitions) {
    synchronized (group) {
      group.endWrite(partitions, nanoTime.getAsLong());
      group.notifyAll();
    }
  }

  public Map<TopicPartition, OffsetAndMetadata> committed(String groupId) {
    requireValidGroupId(groupId);
    return offsets.committed(groupId);
  }

  /**
   * Where a member of the group starts reading a partition: after the group's committed offset, or,
   * with no commit or one that retention has passed, where {@code auto.offset.reset} says.
   */
  public long startingOffset(String groupId, TopicPartition partition, OffsetResetStrategy reset) {
    return startingOffsets(groupId, List.of(partition), reset).get(partition);
  }

  /** {@link #startingOffset} of several partitions, reading the group's commits once. */
  public Map<TopicPartition, Long> startingOffsets(
      String groupId, Collection<TopicPartition> partitions, OffsetResetStrategy reset) {
    Map<TopicPartition, OffsetAndMetadata> committed = committed(groupId);
    Map<TopicPartition, Long> starts = new HashMap<>();
    for (TopicPartition partition : partitions) {
      PartitionOffsets bounds = logs.offsets(partition.topic(), partition.partition());
      OffsetAndMetadata commit = committed.get(partition);
      starts.put(
          partition,
          commit != null
                  && commit.offset() >= bounds.logStartOffset()
                  && commit.offset() <= bounds.lastStableOffset()
              ? commit.offset()
              : reset.startOffset(partition, bounds.logStartOffset(), bounds.lastStableOffset()));
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
                bounds.lastStableOffset(),
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
            OffsetResetScenario.UNDO,
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
      OffsetResetScenario strategy,
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
    if (plan.dryRun()) {
      return resetInactiveGroup(plan, partitions, target);
    }
    Set<TopicPartition> written = new TreeSet<>();
    partitions.forEach(partition -> written.add(new TopicPartition(plan.topic(), partition)));
    // Marked in flight under the monitor, written outside it: no member can be handed these
    // partitions and no commit of them can start until the reset has been written.
    ConsumerGroup group =
        inGroup(
            plan.groupId(),
            found -> {
              awaitWrites(found, () -> found.writing(written));
              if (found.hasMembers()) {
                throw new TributaryException(
                    ErrorCode.NON_EMPTY_GROUP,
                    "Group '"
                        + plan.groupId()
                        + "' has active members; stop its consumers (or wait for their sessions"
                        + " to expire) before resetting its offsets.");
              }
              if (found.writing(written)) {
                throw new TributaryException(
                    ErrorCode.REBALANCE_IN_PROGRESS,
                    "Offset commits of group '"
                        + plan.groupId()
                        + "' are still being written; retry the reset.");
              }
              found.beginReset(written);
              return found;
            });
    try {
      return resetInactiveGroup(plan, partitions, target);
    } finally {
      endWrite(group, written);
      // A reset does not make a group: without members, it lives on in its commits only.
      evictIdleGroup(plan.groupId(), nanoTime.getAsLong(), Duration.ZERO);
    }
  }

  /**
   * Waits, holding the group's monitor but releasing it while waiting, until {@code writing} is
   * false or {@link #WRITES_IN_FLIGHT_WAIT} has passed.
   */
  private void awaitWrites(ConsumerGroup group, BooleanSupplier writing) {
    long deadline = nanoTime.getAsLong() + WRITES_IN_FLIGHT_WAIT.toNanos();
    try {
      for (long left = WRITES_IN_FLIGHT_WAIT.toNanos();
          writing.getAsBoolean() && left > 0;
          left = deadline - nanoTime.getAsLong()) {
        TimeUnit.NANOSECONDS.timedWait(group, left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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

  /**
   * Removes members whose session timed out, moving their partitions to live members, and drops the
   * groups left without members, writes or activity for {@link #EMPTY_GROUP_GRACE}.
   */
  @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
  void expireMembers() {
    long now = nanoTime.getAsLong();
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
    evictIdleGroups(now);
  }

  private void evictIdleGroups(long now) {
    for (String groupId : groups.keySet()) {
      evictIdleGroup(groupId, now, EMPTY_GROUP_GRACE);
    }
  }

  private void evictIdleGroup(String groupId, long now, Duration grace) {
    groups.computeIfPresent(
        groupId,
        (id, group) -> {
          synchronized (group) {
            if (!group.evictable(now, grace)) {
              return group;
            }
            group.evict();
            return null;
          }
        });
  }

  /** How many groups are in memory: those with members, and the recently active. */
  int groupsInMemory() {
    return groups.size();
  }

  /**
   * Removes the deleted topic's committed offsets. Each group's writes of the topic are waited for
   * first, so a commit that validated the topic before it was deleted has been stored and goes too;
   * later commits fail validation because the topic is no longer in the catalog.
   */
  public void onTopicDeleted(@Observes TopicDeleted deleted) {
    String topic = deleted.topic().name();
    for (ConsumerGroup group : groups.values()) {
      synchronized (group) {
        awaitWrites(group, () -> group.writing(topic));
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
                partition.lastStableOffset(),
                Math.max(0, partition.lastStableOffset() - from)));
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

  /**
   * Runs {@code action} under the monitor of the group, made if it is not in memory; never on a
   * group that has just been evicted (whose changes would be lost with it).
   */
  private <T> T inGroup(String groupId, Function<ConsumerGroup, T> action) {
    while (true) {
      ConsumerGroup group =
          groups.computeIfAbsent(groupId, id -> new ConsumerGroup(id, nanoTime.getAsLong()));
      synchronized (group) {
        if (!group.evicted()) {
          return action.apply(group);
        }
      }
    }
  }

  private <T> T inExistingGroup(String groupId, Function<ConsumerGroup, T> action) {
    requireValidGroupId(groupId);
    ConsumerGroup group = groups.get(groupId);
    if (group != null) {
      synchronized (group) {
        if (!group.evicted()) {
          return action.apply(group);
        }
      }
    }
    throw new TributaryException(
        ErrorCode.GROUP_ID_NOT_FOUND, "Consumer group '" + groupId + "' has no members.");
  }

  private Moment now() {
    return new Moment(clock.instant(), nanoTime.getAsLong());
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
    long lastStableOffset =
        logs.offsets(partition.topic(), partition.partition()).lastStableOffset();
    if (commit.offset() > lastStableOffset) {
      // As Kafka's consumer never commits past what it could fetch: a position beyond the log's
      // end is no position at all, and lag and resets would read it as real.
      throw new TributaryException(
          ErrorCode.OFFSET_OUT_OF_RANGE,
          "Cannot commit offset "
              + commit.offset()
              + " for "
              + partition
              + ": it is beyond the last stable offset "
              + lastStableOffset
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
