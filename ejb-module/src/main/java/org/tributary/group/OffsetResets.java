package org.tributary.group;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.log.PartitionLogs;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicMetadata;
import org.tributary.topic.TopicPartition;

/**
 * Offset resets, as {@code kafka-consumer-groups --reset-offsets}: planned (a dry run, whatever the
 * group's state), executed and recorded for the audit, undone, or applied exactly as previewed.
 * Execution is refused while the group has members, as Kafka refuses it: they would overwrite it.
 *
 * <p>An execution marks its partitions in flight under the group's monitor (after the commits in
 * flight have ended, and only while the group has no members), then reads and writes the database
 * outside it: no member can join or commit those partitions until the reset has been written.
 */
@Singleton
// Bean-managed: holds no state of its own; the groups' monitors guard what resets touch.
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OffsetResets {

  @Inject ConsumerGroups groups;
  @Inject OffsetStore offsets;
  @Inject OffsetResetStore resets;
  @Inject TopicCatalog topics;
  @Inject PartitionLogs logs;
  private final Clock clock;

  public OffsetResets() {
    this.clock = Clock.systemUTC();
  }

  OffsetResets(
      ConsumerGroups groups,
      OffsetStore offsets,
      OffsetResetStore resets,
      TopicCatalog topics,
      PartitionLogs logs,
      Clock clock) {
    this.groups = groups;
    this.offsets = offsets;
    this.resets = resets;
    this.topics = topics;
    this.logs = logs;
    this.clock = clock;
  }

  /** Plans a reset of the group's committed offsets and, unless {@code dryRun}, executes it. */
  public OffsetReset resetOffsets(
      String groupId, OffsetResetRequest request, boolean dryRun, String executedBy) {
    GroupCoordinator.requireValidGroupId(groupId);
    TopicMetadata topic = topics.get(request.topic());
    List<Integer> partitions =
        request.partitions() == null
            ? IntStream.range(0, topic.partitions()).boxed().toList()
            : request.partitions();
    requirePartitions(topic, partitions);
    Instant now = clock.instant();
    return reset(
        new OffsetReset(
            null,
            groupId,
            topic.name(),
            request.strategy(),
            null,
            dryRun,
            executedBy,
            now,
            List.of()),
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
    OffsetReset undone = offsetReset(groupId, resetId);
    TopicMetadata topic = topics.get(undone.topic());
    Map<Integer, Long> before = new HashMap<>();
    undone.partitions().stream()
        .filter(p -> topic.hasPartition(p.partition()))
        .forEach(p -> before.put(p.partition(), p.currentOffset()));
    return reset(
        new OffsetReset(
            null,
            groupId,
            topic.name(),
            OffsetResetScenario.UNDO,
            resetId,
            dryRun,
            executedBy,
            clock.instant(),
            List.of()),
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
    GroupCoordinator.requireValidGroupId(plan.groupId());
    TopicMetadata topic = topics.get(plan.topic());
    Map<Integer, PartitionReset> planned = new HashMap<>();
    plan.partitions().forEach(p -> planned.put(p.partition(), p));
    requirePartitions(topic, planned.keySet());
    return reset(
        new OffsetReset(
            null,
            plan.groupId(),
            topic.name(),
            plan.strategy(),
            plan.undoes(),
            false,
            executedBy,
            clock.instant(),
            List.of()),
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

  /** One executed offset reset of the group, refused as not found for another group's. */
  public OffsetReset offsetReset(String groupId, long resetId) {
    GroupCoordinator.requireValidGroupId(groupId);
    return resets
        .find(resetId)
        .filter(reset -> reset.groupId().equals(groupId))
        .orElseThrow(
            () ->
                new TributaryException(
                    ErrorCode.OFFSET_RESET_NOT_FOUND,
                    "Group '" + groupId + "' has no executed offset reset " + resetId + "."));
  }

  /** The executed offset resets of a group, or of all groups when null, newest first. */
  public List<OffsetReset> offsetResets(String groupId, int limit) {
    if (groupId != null) {
      GroupCoordinator.requireValidGroupId(groupId);
    }
    return resets.list(groupId, limit);
  }

  private static void requirePartitions(TopicMetadata topic, Collection<Integer> partitions) {
    for (int partition : partitions) {
      if (!topic.hasPartition(partition)) {
        throw TributaryException.unknownPartition(topic.name(), partition, topic.partitions());
      }
    }
  }

  private OffsetReset reset(OffsetReset reset, Set<Integer> partitions, ResetPlan.Target target) {
    if (reset.dryRun()) {
      return plan(reset, partitions, target).reset();
    }
    Set<TopicPartition> written = new TreeSet<>();
    partitions.forEach(partition -> written.add(new TopicPartition(reset.topic(), partition)));
    ConsumerGroup group = groups.inGroup(reset.groupId(), found -> beginReset(found, written));
    try {
      ResetPlan plan = plan(reset, partitions, target);
      return plan.reset().executed(resets.execute(plan.reset(), plan.commits(), plan.removals()));
    } finally {
      groups.endWrite(group, written);
      // A reset does not make a group: without members, it lives on in its commits only.
      groups.evictIfIdle(reset.groupId(), Duration.ZERO);
    }
  }

  /** Under the group's monitor: no member, no write in flight, then these partitions are ours. */
  private ConsumerGroup beginReset(ConsumerGroup group, Set<TopicPartition> written) {
    groups.beginReset(group, written, () -> requireNoMembers(group), "reset");
    return group;
  }

  private static void requireNoMembers(ConsumerGroup group) {
    if (group.hasMembers()) {
      throw new TributaryException(
          ErrorCode.NON_EMPTY_GROUP,
          "Group '"
              + group.groupId()
              + "' has active members; stop its consumers (or wait for their sessions"
              + " to expire) before resetting its offsets.");
    }
  }

  /** Reads the group's commits and the logs' bounds now, outside any group's monitor. */
  private ResetPlan plan(OffsetReset reset, Set<Integer> partitions, ResetPlan.Target target) {
    return ResetPlan.compute(
        reset,
        partitions,
        offsets.committed(reset.groupId()),
        partition -> logs.offsets(reset.topic(), partition),
        target);
  }
}
