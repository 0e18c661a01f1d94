package org.tributary.inserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.group.Assignment;
import org.tributary.group.GroupCoordinator;
import org.tributary.group.GroupDescription;
import org.tributary.group.GroupState;
import org.tributary.group.OffsetAndMetadata;
import org.tributary.group.OffsetCommits;
import org.tributary.group.OffsetReset;
import org.tributary.group.OffsetResetRequest;
import org.tributary.group.OffsetResetScenario;
import org.tributary.group.OffsetResetStrategy;
import org.tributary.group.OffsetResets;
import org.tributary.group.PartitionLag;
import org.tributary.log.NewRecord;
import org.tributary.log.PartitionLogs;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicPartition;

/** The group coordinator inside a running Payara Micro: membership, expiry, fencing, offsets. */
@ExtendWith(ArquillianExtension.class)
class GroupCoordinatorInServerIT {

  private static final Duration SESSION = Duration.ofSeconds(30);

  @Inject GroupCoordinator coordinator;
  @Inject OffsetCommits commits;
  @Inject OffsetResets resets;
  @Inject TopicCatalog topics;
  @Inject PartitionLogs logs;
  @Inject UserTransaction transaction;
  @Resource ManagedExecutorService executor;

  @Resource(lookup = "java:app/jdbc/tributary")
  DataSource database;

  private String topic(int partitions) {
    String name = "grp-" + UUID.randomUUID().toString().substring(0, 8);
    topics.create(name, partitions, Map.of());
    return name;
  }

  /** Appends {@code records} records to every partition, so commits up to there are in range. */
  private void fill(String topic, int partitions, int records) {
    List<NewRecord> batch = new ArrayList<>();
    for (int partition = 0; partition < partitions; partition++) {
      for (int i = 0; i < records; i++) {
        batch.add(new NewRecord(partition, null, new byte[] {1}, List.of(), null));
      }
    }
    logs.appender().append(topic, batch).toCompletableFuture().join();
  }

  private static String group() {
    return "group-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static void assertEachPartitionOwnedByExactlyOne(
      List<Assignment> members, String topic, int partitions) {
    Set<TopicPartition> owned = new HashSet<>();
    for (Assignment member : members) {
      for (TopicPartition partition : member.partitions()) {
        assertTrue(owned.add(partition), partition + " owned twice");
      }
    }
    Set<TopicPartition> all = new HashSet<>();
    for (int p = 0; p < partitions; p++) {
      all.add(new TopicPartition(topic, p));
    }
    assertEquals(all, owned);
  }

  @Test
  void joinAndLeaveReassignEveryPartitionToExactlyOneLiveMember() {
    String topic = topic(5);
    String group = group();
    Assignment a = coordinator.join(group, null, "a", Set.of(topic), SESSION, "range");
    Assignment b = coordinator.join(group, null, "b", Set.of(topic), SESSION, "range");
    Assignment c = coordinator.join(group, null, "c", Set.of(topic), SESSION, "range");
    List<Assignment> now = new ArrayList<>();
    for (Assignment member : List.of(a, b, c)) {
      now.add(coordinator.heartbeat(group, member.memberId()));
    }
    assertEquals(3, now.get(0).generation());
    assertEachPartitionOwnedByExactlyOne(now, topic, 5);
    assertEquals(GroupState.STABLE, coordinator.describe(group).state());

    coordinator.leave(group, b.memberId());
    List<Assignment> after =
        List.of(
            coordinator.heartbeat(group, a.memberId()), coordinator.heartbeat(group, c.memberId()));
    assertEquals(4, after.get(0).generation());
    assertEachPartitionOwnedByExactlyOne(after, topic, 5);
  }

  @Test
  void partitionsAddedLaterAndTopicsCreatedLaterReachSubscribedGroups() {
    String grown = topic(2);
    String notYetCreated = "later-" + UUID.randomUUID().toString().substring(0, 8);
    String group = group();
    Assignment member =
        coordinator.join(group, null, "c", Set.of(grown, notYetCreated), SESSION, "range");
    assertEquals(2, member.partitions().size());

    topics.addPartitions(grown, 3);
    assertEquals(3, coordinator.heartbeat(group, member.memberId()).partitions().size());

    logs.appender()
        .append(notYetCreated, List.of(NewRecord.of(null, new byte[] {1})))
        .toCompletableFuture()
        .join();
    Assignment now = coordinator.heartbeat(group, member.memberId());
    assertTrue(
        now.partitions().contains(new TopicPartition(notYetCreated, 0)),
        "the auto-created topic was assigned");
    assertTrue(now.generation() > member.generation());
  }

  @Test
  void memberThatStopsHeartbeatingExpiresAndItsPartitionsMove() throws Exception {
    String topic = topic(4);
    String group = group();
    Assignment silent =
        coordinator.join(group, null, "silent", Set.of(topic), Duration.ofSeconds(2), "roundrobin");
    Assignment alive = coordinator.join(group, null, "alive", Set.of(topic), SESSION, "roundrobin");
    assertEquals(2, coordinator.heartbeat(group, silent.memberId()).partitions().size());
    assertEquals(2, coordinator.heartbeat(group, alive.memberId()).partitions().size());

    Assignment latest = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      latest = coordinator.heartbeat(group, alive.memberId());
      if (latest.partitions().size() == 4) {
        break;
      }
      Thread.sleep(200);
    }
    assertEquals(4, latest.partitions().size(), "the live member took over every partition");
    TributaryException gone =
        assertThrows(
            TributaryException.class, () -> coordinator.heartbeat(group, silent.memberId()));
    assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, gone.code());
    assertEquals(1, coordinator.describe(group).members().size());
  }

  @Test
  void commitFromAStaleGenerationIsRefusedAndChangesNothing() {
    String topic = topic(2);
    String group = group();
    logs.appender()
        .append(topic, List.of(new NewRecord(0, null, new byte[] {1}, List.of(), null)))
        .toCompletableFuture()
        .join();
    Assignment first = coordinator.join(group, null, "first", Set.of(topic), SESSION, "range");
    TopicPartition partition = new TopicPartition(topic, 0);
    commits.commit(
        group,
        first.memberId(),
        first.generation(),
        Map.of(partition, new OffsetAndMetadata(1, "m", Instant.now())));

    coordinator.join(group, null, "second", Set.of(topic), SESSION, "range");
    // Until it hears of the rebalance, "first" may still commit what it owns (as in Kafka).
    coordinator.heartbeat(group, first.memberId());
    TributaryException fenced =
        assertThrows(
            TributaryException.class,
            () ->
                commits.commit(
                    group,
                    first.memberId(),
                    first.generation(),
                    Map.of(partition, new OffsetAndMetadata(9, null, Instant.now()))));
    assertEquals(ErrorCode.ILLEGAL_GENERATION, fenced.code());
    assertEquals(
        1, commits.committed(group).get(partition).offset(), "the fenced commit changed nothing");
  }

  @Test
  void commitAtTheCurrentGenerationOfAPartitionHandedOverIsRefusedAndChangesNothing() {
    String topic = topic(2);
    fill(topic, 2, 7);
    String group = group();
    Assignment first = coordinator.join(group, null, "first", Set.of(topic), SESSION, "range");
    Assignment second = coordinator.join(group, null, "second", Set.of(topic), SESSION, "range");
    Assignment firstNow = coordinator.heartbeat(group, first.memberId());
    Assignment secondNow = coordinator.heartbeat(group, second.memberId());
    assertEquals(1, secondNow.partitions().size());
    TopicPartition handedOver = secondNow.partitions().get(0);

    TributaryException fenced =
        assertThrows(
            TributaryException.class,
            () ->
                commits.commit(
                    group,
                    first.memberId(),
                    firstNow.generation(),
                    Map.of(handedOver, new OffsetAndMetadata(5, null, Instant.now()))));
    assertEquals(ErrorCode.ILLEGAL_GENERATION, fenced.code());
    assertNull(commits.committed(group).get(handedOver), "the refused commit changed nothing");
    commits.commit(
        group,
        second.memberId(),
        secondNow.generation(),
        Map.of(handedOver, new OffsetAndMetadata(5, null, Instant.now())));
    assertEquals(5, commits.committed(group).get(handedOver).offset());
  }

  /**
   * A transaction that committed offsets (so its commit checks the group under the group's monitor)
   * holds a row lock that another commit of the group waits for. Had that other commit held the
   * group's monitor while writing, each would wait for the other (for good on PostgreSQL; on Derby
   * until its 60 s lock timeout).
   */
  @Test
  void aTransactionalCommitAndAnotherCommitWaitingForItsRowDoNotDeadlock() throws Exception {
    String topic = topic(2);
    fill(topic, 2, 7);
    String group = group();
    TopicPartition p0 = new TopicPartition(topic, 0);
    TopicPartition p1 = new TopicPartition(topic, 1);
    Future<?> other;
    transaction.begin();
    try {
      commits.commit(group, null, -1, Map.of(p1, new OffsetAndMetadata(1, null, Instant.now())));
      try (Connection connection = database.getConnection();
          PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO tributary_committed_offset (group_id, topic, partition_id,"
                      + " committed_offset, metadata, commit_time)"
                      + " VALUES (?, ?, 0, 3, NULL, ?)")) {
        insert.setString(1, group);
        insert.setString(2, topic);
        insert.setBytes(3, serialized(Instant.now())); // as the entity stores it
        insert.executeUpdate();
      }
      other =
          executor.submit(
              () ->
                  commits.commit(
                      group, null, -1, Map.of(p0, new OffsetAndMetadata(7, null, Instant.now()))));
      awaitALockWaiter();
    } catch (Exception | Error e) {
      transaction.rollback();
      throw e;
    }
    long start = System.nanoTime();
    transaction.commit();
    other.get(30, TimeUnit.SECONDS);

    assertTrue(
        System.nanoTime() - start < Duration.ofSeconds(20).toNanos(),
        "the transaction waited for the other commit");
    Map<TopicPartition, OffsetAndMetadata> committed = commits.committed(group);
    assertEquals(1, committed.get(p1).offset());
    assertEquals(7, committed.get(p0).offset(), "the other commit was written after the first");
  }

  private static byte[] serialized(Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }

  /** Until Derby shows a transaction waiting for a lock (at most 20 s). */
  private void awaitALockWaiter() throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      try (Connection connection = database.getConnection();
          PreparedStatement waiting =
              connection.prepareStatement(
                  "SELECT COUNT(*) FROM SYSCS_DIAG.LOCK_TABLE WHERE STATE = 'WAIT'");
          ResultSet result = waiting.executeQuery()) {
        result.next();
        if (result.getInt(1) > 0) {
          return;
        }
      }
      Thread.sleep(20);
    }
  }

  @Test
  void committedOffsetsPersistWithMetadataAndDescribeShowsLag() {
    String topic = topic(2);
    String group = group();
    logs.appender()
        .append(
            topic,
            List.of(
                new NewRecord(0, null, new byte[] {1}, List.of(), null),
                new NewRecord(0, null, new byte[] {2}, List.of(), null),
                new NewRecord(1, null, new byte[] {3}, List.of(), null)))
        .toCompletableFuture()
        .join();
    Instant when = Instant.parse("2026-01-02T03:04:05Z");
    commits.commit(
        group,
        null,
        -1,
        Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(1, "checkpoint", when)));

    OffsetAndMetadata stored = commits.committed(group).get(new TopicPartition(topic, 0));
    assertEquals(1, stored.offset());
    assertEquals("checkpoint", stored.metadata());
    assertEquals(when, stored.commitTime());

    GroupDescription description = coordinator.describe(group);
    assertEquals(GroupState.EMPTY, description.state());
    PartitionLag p0 =
        description.partitions().stream().filter(p -> p.partition() == 0).findFirst().orElseThrow();
    PartitionLag p1 =
        description.partitions().stream().filter(p -> p.partition() == 1).findFirst().orElseThrow();
    assertEquals(1L, p0.committedOffset());
    assertEquals(2, p0.logEndOffset());
    assertEquals(1, p0.lag());
    assertNull(p1.committedOffset());
    assertEquals(1, p1.lag());
    assertEquals(2, description.totalLag());
    assertTrue(coordinator.listGroups().contains(group));
  }

  @Test
  void startingOffsetIsTheCommitOrWhereAutoOffsetResetSays() {
    String topic = topic(1);
    String group = group();
    TopicPartition partition = new TopicPartition(topic, 0);
    logs.appender()
        .append(
            topic,
            List.of(
                NewRecord.of(null, new byte[] {1}),
                NewRecord.of(null, new byte[] {2}),
                NewRecord.of(null, new byte[] {3})))
        .toCompletableFuture()
        .join();

    assertEquals(0, commits.startingOffset(group, partition, OffsetResetStrategy.EARLIEST));
    assertEquals(3, commits.startingOffset(group, partition, OffsetResetStrategy.LATEST));
    assertEquals(
        ErrorCode.NO_OFFSET_FOR_PARTITION,
        assertThrows(
                TributaryException.class,
                () -> commits.startingOffset(group, partition, OffsetResetStrategy.NONE))
            .code());

    commits.commit(
        group, null, -1, Map.of(partition, new OffsetAndMetadata(2, null, Instant.now())));
    assertEquals(2, commits.startingOffset(group, partition, OffsetResetStrategy.LATEST));
    assertEquals(2, commits.startingOffset(group, partition, OffsetResetStrategy.NONE));
  }

  @Test
  void aPreviewedPlanIsAppliedExactlyUnlessTheOffsetsChangedSince() {
    String topic = topic(1);
    String group = group();
    TopicPartition partition = new TopicPartition(topic, 0);
    logs.appender()
        .append(
            topic, List.of(NewRecord.of(null, new byte[] {1}), NewRecord.of(null, new byte[] {2})))
        .toCompletableFuture()
        .join();
    commitOutsideAGroup(group, topic, 0, 1);
    OffsetResetRequest toLatest =
        new OffsetResetRequest(OffsetResetScenario.TO_LATEST, topic, null, null, null, null, null);

    OffsetReset stale = resets.resetOffsets(group, toLatest, true, "test");
    commitOutsideAGroup(group, topic, 0, 0);
    assertRefused(ErrorCode.STALE_RESET_PLAN, () -> resets.applyPlan(stale, "test"));
    assertEquals(0, commits.committed(group).get(partition).offset(), "nothing changed");

    OffsetReset plan = resets.resetOffsets(group, toLatest, true, "test");
    logs.appender()
        .append(topic, List.of(NewRecord.of(null, new byte[] {3})))
        .toCompletableFuture()
        .join();
    OffsetReset applied = resets.applyPlan(plan, "test");
    assertEquals(plan.partitions(), applied.partitions(), "the plan, not a new one");
    assertEquals(2, commits.committed(group).get(partition).offset(), "not the new end, 3");
  }

  @Test
  void invalidRequestsAreRefusedWithKafkasErrors() {
    String topic = topic(1);
    assertRefused(
        ErrorCode.INVALID_GROUP_ID,
        () -> coordinator.join(" ", null, "c", Set.of(topic), SESSION, "range"));
    assertRefused(
        ErrorCode.INVALID_SESSION_TIMEOUT,
        () -> coordinator.join(group(), null, "c", Set.of(topic), Duration.ofMillis(10), "range"));
    assertRefused(
        ErrorCode.INCONSISTENT_GROUP_PROTOCOL,
        () -> coordinator.join(group(), null, "c", Set.of(topic), SESSION, "sticky"));
    assertRefused(ErrorCode.OFFSET_OUT_OF_RANGE, () -> commitOutsideAGroup(topic, 0, -5));
    assertRefused(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, () -> commitOutsideAGroup(topic, 3, 0));
    assertRefused(ErrorCode.GROUP_ID_NOT_FOUND, () -> coordinator.heartbeat(group(), "nobody"));
  }

  private void commitOutsideAGroup(String topic, int partition, long offset) {
    commitOutsideAGroup(group(), topic, partition, offset);
  }

  private void commitOutsideAGroup(String group, String topic, int partition, long offset) {
    commits.commit(
        group,
        null,
        -1,
        Map.of(
            new TopicPartition(topic, partition),
            new OffsetAndMetadata(offset, null, Instant.now())));
  }

  private static void assertRefused(ErrorCode expected, Executable call) {
    assertEquals(expected, assertThrows(TributaryException.class, call).code());
  }
}
