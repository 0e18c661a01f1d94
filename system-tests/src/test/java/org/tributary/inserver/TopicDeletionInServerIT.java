package org.tributary.inserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.log.NewRecord;
import org.tributary.log.PartitionLogs;
import org.tributary.topic.TopicCatalog;

/**
 * Deleting a topic: its batches go in short transactions off the deleting thread, other topics keep
 * being written meanwhile, and nothing an append stores as the topic goes stays behind.
 */
@ExtendWith(ArquillianExtension.class)
class TopicDeletionInServerIT {

  @Inject PartitionLogs logs;
  @Inject TopicCatalog topics;
  @Resource ManagedExecutorService executor;

  @Resource(lookup = "java:app/jdbc/tributary")
  DataSource database;

  private String newTopic(Map<String, String> configs) {
    String name = "del-" + UUID.randomUUID().toString().substring(0, 8);
    topics.create(name, 1, configs);
    return name;
  }

  private static NewRecord record(String value) {
    return NewRecord.of(null, value.getBytes(StandardCharsets.UTF_8));
  }

  private boolean hasRows(long topicId) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement count =
            connection.prepareStatement(
                "SELECT COUNT(*) FROM tributary_record_batch WHERE topic_id = ?")) {
      count.setLong(1, topicId);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getLong(1) > 0;
      }
    }
  }

  @Test
  void deletingATopicOfManyBatchesBlocksNeitherTheCallerNorOtherTopics() throws Exception {
    // One batch per record (a 30-byte value fills max.message.bytes): 12,000 rows, far past the
    // 5,000 row locks at which Derby takes a lock on the whole table.
    String big = newTopic(Map.of("max.message.bytes", "100"));
    for (int commit = 0; commit < 3; commit++) {
      List<NewRecord> records = new ArrayList<>();
      for (int i = 0; i < 4_000; i++) {
        records.add(record(String.format("%030d", i)));
      }
      logs.appender().append(big, records).toCompletableFuture().join();
    }
    String other = newTopic(Map.of());
    long bigId = topics.get(big).id();

    long deleteMillis;
    long worstProduceMillis = 0;
    // Someone holds a lock on one of the topic's rows (a slow reader, a DBA): removing the rows
    // has to wait for it, and neither the deleting caller nor other topics may wait with it.
    try (Connection holder = database.getConnection()) {
      holder.setAutoCommit(false);
      try (PreparedStatement lock =
          holder.prepareStatement(
              "UPDATE tributary_record_batch SET size_bytes = size_bytes"
                  + " WHERE topic_id = ? AND partition_id = 0 AND base_offset = 0")) {
        lock.setLong(1, bigId);
        assertEquals(1, lock.executeUpdate());
      }
      long started = System.nanoTime();
      topics.delete(big);
      deleteMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      for (int i = 0; i < 20; i++) {
        long sent = System.nanoTime();
        logs.appender()
            .append(other, List.of(record("meanwhile-" + i)))
            .toCompletableFuture()
            .join();
        worstProduceMillis =
            Math.max(worstProduceMillis, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
      }
      holder.rollback();
    }
    assertTrue(deleteMillis < 5_000, "the delete did not wait for its rows: " + deleteMillis);
    assertTrue(
        worstProduceMillis < 5_000,
        "another topic's produce did not wait: " + worstProduceMillis + " ms");
    assertEquals(20, logs.offsets(other, 0).lastStableOffset());

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (hasRows(bigId) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertFalse(hasRows(bigId), "every batch of the deleted topic is gone in the end");
  }

  @Test
  void appendsRacingTheirTopicsDeletionLeaveNoRowsUnderTheDeadTopic() throws Exception {
    for (int round = 0; round < 10; round++) {
      String topic = newTopic(Map.of());
      long topicId = topics.get(topic).id();
      AtomicBoolean deleted = new AtomicBoolean();
      List<Future<?>> producers = new ArrayList<>();
      for (int p = 0; p < 4; p++) {
        producers.add(executor.submit(() -> appendUntilAfter(topic, deleted)));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (logs.offsets(topic, 0).lastStableOffset() < 20 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      topics.delete(topic);
      deleted.set(true);
      for (Future<?> producer : producers) {
        producer.get(60, TimeUnit.SECONDS);
      }
      while (hasRows(topicId) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertFalse(hasRows(topicId), "round " + round + ": rows left under the deleted topic");
      // Auto-creation may have made a new topic of that name for the last appends.
      topics.find(topic).ifPresent(recreated -> topics.delete(recreated.name()));
    }
  }

  /**
   * Appends one record at a time, each acknowledged or refused as the topic goes, until a few after
   * the deletion.
   */
  private void appendUntilAfter(String topic, AtomicBoolean deleted) {
    int afterDeletion = 0;
    for (int i = 0; i < 100_000 && afterDeletion < 5; i++) {
      if (deleted.get()) {
        afterDeletion++;
      }
      try {
        logs.appender().append(topic, List.of(record("v" + i))).toCompletableFuture().join();
      } catch (TributaryException | CompletionException refused) {
        Throwable cause = refused instanceof CompletionException ? refused.getCause() : refused;
        assertEquals(
            ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ((TributaryException) cause).code(), "" + cause);
      }
    }
  }
}
