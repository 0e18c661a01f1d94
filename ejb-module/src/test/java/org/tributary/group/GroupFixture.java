package org.tributary.group;

import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.tributary.testing.FakeTransactions;

/** The group package wired as the container wires it, over fakes, with the wall clock at WALL. */
final class GroupFixture {

  static final Instant WALL = Instant.parse("2026-12-01T10:00:00Z");

  final GroupFakes.Nanos nanos = new GroupFakes.Nanos();
  final GroupFakes.Topics topics = new GroupFakes.Topics();
  final GroupFakes.Logs logs = new GroupFakes.Logs(topics, 10);
  final GroupFakes.Offsets offsets = new GroupFakes.Offsets();
  final ConsumerGroups groups = new ConsumerGroups(nanos);
  final Clock clock = Clock.fixed(WALL, ZoneOffset.UTC);
  final OffsetCommits commits;
  final GroupCoordinator coordinator;
  final ClassicGroupCoordinator classic;

  GroupFixture() {
    this(new FakeTransactions(), 100);
  }

  /**
   * @param maxCommitPartitions {@code tributary.group.max-commit-partitions}
   */
  GroupFixture(TransactionSynchronizationRegistry transactions, int maxCommitPartitions) {
    commits = new OffsetCommits(groups, offsets, topics, logs, transactions, maxCommitPartitions);
    coordinator = new GroupCoordinator(groups, commits, offsets, topics, logs, clock, nanos);
    classic = new ClassicGroupCoordinator(groups, clock, nanos);
  }

  OffsetResets resets(OffsetResetStore audit) {
    return new OffsetResets(groups, offsets, audit, topics, logs, clock);
  }
}
