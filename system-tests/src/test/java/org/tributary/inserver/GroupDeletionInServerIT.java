package org.tributary.inserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tributary.group.GroupCoordinator;
import org.tributary.group.GroupDeletions;
import org.tributary.group.GroupState;
import org.tributary.group.OffsetAndMetadata;
import org.tributary.group.OffsetCommits;
import org.tributary.group.OffsetDeletion;
import org.tributary.log.NewRecord;
import org.tributary.log.PartitionLogs;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicPartition;

/** Group and offset deletions inside a running Payara Micro, on the real database. */
@ExtendWith(ArquillianExtension.class)
class GroupDeletionInServerIT {

  @Inject GroupDeletions deletions;
  @Inject GroupCoordinator coordinator;
  @Inject OffsetCommits commits;
  @Inject TopicCatalog topics;
  @Inject PartitionLogs logs;
  @Inject UserTransaction transaction;
  @Resource ManagedExecutorService executor;

  private String topic(int partitions) {
    String name = "del-" + UUID.randomUUID().toString().substring(0, 8);
    topics.create(name, partitions, Map.of());
    List<NewRecord> batch = new ArrayList<>();
    for (int partition = 0; partition < partitions; partition++) {
      for (int i = 0; i < 5; i++) {
        batch.add(new NewRecord(partition, null, new byte[] {1}, List.of(), null));
      }
    }
    logs.appender().append(name, batch).toCompletableFuture().join();
    return name;
  }

  private static String group() {
    return "group-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static OffsetAndMetadata at(long offset) {
    return new OffsetAndMetadata(offset, null, Instant.now());
  }

  @Test
  void aGroupDeletionWaitsForACommitInTheCallersTransactionThenDeletesIt() throws Exception {
    String topic = topic(2);
    String group = group();
    TopicPartition p0 = new TopicPartition(topic, 0);
    TopicPartition p1 = new TopicPartition(topic, 1);
    commits.commit(group, null, -1, Map.of(p1, at(2)));
    Future<OffsetDeletion> deletion;
    transaction.begin();
    try {
      commits.commit(group, null, -1, Map.of(p0, at(3)));
      deletion = executor.submit(() -> deletions.deleteGroup(group));
      Thread.sleep(500);
      assertFalse(deletion.isDone(), "the deletion waits for the commit in flight");
    } catch (Exception | Error e) {
      transaction.rollback();
      throw e;
    }
    transaction.commit();

    OffsetDeletion deleted = deletion.get(30, TimeUnit.SECONDS);
    assertEquals(Set.of(p0, p1), deleted.deleted().keySet(), "the commit was deleted too");
    assertEquals(3, deleted.deleted().get(p0).offset());
    assertTrue(commits.committed(group).isEmpty());
    assertEquals(GroupState.DEAD, coordinator.describe(group).state());
  }

  @Test
  void deletingATopicsOffsetsKeepsOtherTopicsAndOtherGroups() {
    String orders = topic(3);
    String audit = topic(1);
    String group = group();
    String other = group();
    commits.commit(
        group,
        null,
        -1,
        Map.of(
            new TopicPartition(orders, 0), at(1),
            new TopicPartition(orders, 2), at(4),
            new TopicPartition(audit, 0), at(2)));
    commits.commit(other, null, -1, Map.of(new TopicPartition(orders, 0), at(5)));

    OffsetDeletion deleted = deletions.deleteOffsets(group, orders, null);

    assertEquals(
        Set.of(new TopicPartition(orders, 0), new TopicPartition(orders, 2)),
        deleted.deleted().keySet());
    assertEquals(Set.of(new TopicPartition(audit, 0)), commits.committed(group).keySet());
    assertEquals(5, commits.committed(other).get(new TopicPartition(orders, 0)).offset());
  }
}
