package org.tributary.group;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicPartition;

/**
 * The consumer groups in memory, by id; the one owner of that map, shared by membership ({@link
 * GroupCoordinator}), offset commits ({@link OffsetCommits}) and offset resets ({@link
 * OffsetResets}). Each group's monitor guards that group alone; the map's own operations do no
 * database work. A group leaves the map only under its monitor and marked evicted, so whoever still
 * holds it looks again instead of changing a group nobody will see.
 */
@ApplicationScoped
public class ConsumerGroups {

  private final ConcurrentHashMap<String, ConsumerGroup> groups = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;

  protected ConsumerGroups() {
    this(System::nanoTime);
  }

  ConsumerGroups(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** Runs {@code action} under the monitor of the group, made if it is not in memory. */
  <T> T inGroup(String groupId, Function<ConsumerGroup, T> action) {
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

  /** Runs {@code action} under the monitor of the group, refused if it is not in memory. */
  <T> T inExistingGroup(String groupId, Function<ConsumerGroup, T> action) {
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

  /** The group in memory, or null; the caller takes its monitor before reading it. */
  ConsumerGroup find(String groupId) {
    return groups.get(groupId);
  }

  Collection<ConsumerGroup> all() {
    return groups.values();
  }

  Set<String> groupIds() {
    return new TreeSet<>(groups.keySet());
  }

  /** How many groups are in memory: those with members, and the recently active. */
  int size() {
    return groups.size();
  }

  /** The write of a commit or reset of these partitions has ended; its waiters look again. */
  void endWrite(ConsumerGroup group, Collection<TopicPartition> partitions) {
    synchronized (group) {
      group.endWrite(partitions, nanoTime.getAsLong());
      group.notifyAll();
    }
  }

  /** The deletion of the group has ended; its waiters look again. */
  void endDelete(ConsumerGroup group) {
    synchronized (group) {
      group.endDelete(nanoTime.getAsLong());
      group.notifyAll();
    }
  }

  /**
   * Under the group's monitor, starts an offset reset or offset deletion of these partitions as
   * their only writer (see {@link #beginSoleWrite}); it ends with {@link #endWrite}.
   */
  void beginReset(
      ConsumerGroup group,
      Collection<TopicPartition> partitions,
      Runnable requireMembership,
      String retried) {
    beginSoleWrite(group, () -> group.writing(partitions), requireMembership, retried);
    group.beginReset(partitions);
  }

  /**
   * Under the group's monitor, starts the deletion of the whole group as its only writer (see
   * {@link #beginSoleWrite}); it ends with {@link #endDelete}.
   */
  void beginDelete(ConsumerGroup group, Runnable requireMembership) {
    beginSoleWrite(group, group::writing, requireMembership, "deletion");
    group.beginDelete();
  }

  /**
   * Refused at once while the group is being deleted; otherwise waits for the writes in flight
   * (bounded), applies the caller's rule on members, and refuses what is still being written: with
   * {@code REBALANCE_IN_PROGRESS}, {@code retried} named in the message.
   */
  private void beginSoleWrite(
      ConsumerGroup group, BooleanSupplier writing, Runnable requireMembership, String retried) {
    group.requireNotDeleting(retried);
    awaitWrites(group, writing, OffsetCommits.WRITES_IN_FLIGHT_WAIT);
    requireMembership.run();
    group.requireNotDeleting(retried);
    if (writing.getAsBoolean()) {
      throw new TributaryException(
          ErrorCode.REBALANCE_IN_PROGRESS,
          "Offset commits of group '"
              + group.groupId()
              + "' are still being written; retry the "
              + retried
              + ".");
    }
  }

  /**
   * Waits, holding the group's monitor but releasing it while waiting, until {@code writing} is
   * false or {@code atMost} has passed.
   */
  void awaitWrites(ConsumerGroup group, BooleanSupplier writing, Duration atMost) {
    long deadline = nanoTime.getAsLong() + atMost.toNanos();
    try {
      for (long left = atMost.toNanos();
          writing.getAsBoolean() && left > 0;
          left = deadline - nanoTime.getAsLong()) {
        TimeUnit.NANOSECONDS.timedWait(group, left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Drops every group left without members, writes or activity for {@code grace}. */
  void evictIdle(Duration grace) {
    long now = nanoTime.getAsLong();
    for (String groupId : groups.keySet()) {
      evictIfIdle(groupId, now, grace);
    }
  }

  /** Drops the group if it has no members, writes or activity for {@code grace}. */
  void evictIfIdle(String groupId, Duration grace) {
    evictIfIdle(groupId, nanoTime.getAsLong(), grace);
  }

  private void evictIfIdle(String groupId, long now, Duration grace) {
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
}
