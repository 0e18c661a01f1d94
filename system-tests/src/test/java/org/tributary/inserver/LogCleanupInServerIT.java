package org.tributary.inserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tributary.consumer.ConsumedRecord;
import org.tributary.consumer.ConsumerFactory;
import org.tributary.consumer.ConsumerOptions;
import org.tributary.consumer.GroupConsumer;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.group.OffsetAndMetadata;
import org.tributary.group.OffsetCommits;
import org.tributary.group.OffsetResetStrategy;
import org.tributary.log.CleaningRun;
import org.tributary.log.FetchResult;
import org.tributary.log.LogCleanup;
import org.tributary.log.NewRecord;
import org.tributary.log.PartitionLogs;
import org.tributary.log.Record;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicPartition;

/**
 * Retention, compaction and DeleteRecords in a running Payara Micro on the real database. Each
 * append below is one group commit, so one stored batch per call.
 */
@ExtendWith(ArquillianExtension.class)
class LogCleanupInServerIT {

  private static final long HOUR = 3_600_000L;

  @Inject LogCleanup cleanup;
  @Inject PartitionLogs logs;
  @Inject TopicCatalog topics;
  @Inject ConsumerFactory consumers;
  @Inject OffsetCommits commits;

  private String topic(Map<String, String> configs) {
    String name = "clean-" + UUID.randomUUID().toString().substring(0, 8);
    topics.create(name, 1, configs);
    return name;
  }

  private static byte[] utf8(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  /** One batch of "key=value" records ("key=" is a tombstone) stamped {@code timestamp}. */
  private long batch(String topic, long timestamp, String... records) {
    List<NewRecord> batch = new ArrayList<>();
    for (String record : records) {
      String[] keyValue = record.split("=", -1);
      batch.add(
          new NewRecord(
              0,
              utf8(keyValue[0]),
              keyValue[1].isEmpty() ? null : utf8(keyValue[1]),
              List.of(),
              timestamp));
    }
    long before = logs.sizeInBytes(topic, 0);
    logs.appender().append(topic, batch).toCompletableFuture().join();
    return logs.sizeInBytes(topic, 0) - before;
  }

  private List<Record> readAll(String topic) {
    List<Record> all = new ArrayList<>();
    long offset = logs.offsets(topic, 0).logStartOffset();
    long end = logs.offsets(topic, 0).lastStableOffset();
    while (offset < end) {
      FetchResult page = logs.read(topic, 0, offset, 1 << 20);
      all.addAll(page.records());
      offset = page.nextOffset();
    }
    return all;
  }

  private static Map<String, String> latestPerKey(List<Record> records) {
    Map<String, String> latest = new LinkedHashMap<>();
    records.forEach(record -> latest.put(text(record.key()), text(record.value())));
    return latest;
  }

  private void assertOutOfRange(String topic, long offset) {
    TributaryException refused =
        assertThrows(TributaryException.class, () -> logs.read(topic, 0, offset, 1 << 20));
    assertEquals(ErrorCode.OFFSET_OUT_OF_RANGE, refused.code());
  }

  @Test
  void timeRetentionRemovesTheExpiredBatchesUpToTheFirstYoungOneAndMovesTheLogStart() {
    String topic = topic(Map.of("retention.ms", String.valueOf(HOUR)));
    long old = System.currentTimeMillis() - 3 * HOUR;
    long removedBytes = batch(topic, old, "a=0", "a=1") + batch(topic, old, "a=2", "a=3");
    batch(topic, System.currentTimeMillis(), "a=4", "a=5");
    batch(topic, old, "a=6", "a=7");
    long sizeBefore = logs.sizeInBytes(topic, 0);

    CleaningRun run = cleanup.runRetention().get(topic);

    assertEquals(2, run.batchesRemoved());
    assertEquals(4, run.recordsRemoved());
    assertEquals(removedBytes, run.bytesRemoved());
    assertEquals(4, logs.offsets(topic, 0).logStartOffset());
    assertEquals(sizeBefore - removedBytes, logs.sizeInBytes(topic, 0));
    assertOutOfRange(topic, 3);
    assertEquals(List.of(4L, 5L, 6L, 7L), readAll(topic).stream().map(Record::offset).toList());
    assertEquals(run, cleanup.lastRuns(topic).retention());
  }

  @Test
  void theBatchHoldingTheLastRecordStaysEvenWhenExpired() {
    String topic = topic(Map.of("retention.ms", "1000"));
    long old = System.currentTimeMillis() - HOUR;
    batch(topic, old, "a=0");
    batch(topic, old, "a=1");
    batch(topic, old, "a=2");

    assertEquals(2, cleanup.runRetention().get(topic).batchesRemoved());

    assertEquals(2, logs.offsets(topic, 0).logStartOffset());
    assertEquals(3, logs.offsets(topic, 0).lastStableOffset());
    assertEquals(List.of(2L), readAll(topic).stream().map(Record::offset).toList());
    assertEquals(0, cleanup.runRetention().get(topic).batchesRemoved());
  }

  @Test
  void sizeRetentionKeepsAtLeastRetentionBytesPerPartition() {
    String probe = topic(Map.of());
    long now = System.currentTimeMillis();
    long batchSize = batch(probe, now, "k=0123456789");
    String topic = topic(Map.of("retention.bytes", String.valueOf(2 * batchSize + 1)));
    for (int i = 0; i < 5; i++) {
      assertEquals(batchSize, batch(topic, now, "k=0123456789"));
    }

    CleaningRun run = cleanup.runRetention().get(topic);

    // 5 batches: without two of them 3 remain >= 2 batches + 1 byte; without a third they would
    // not.
    assertEquals(2, run.batchesRemoved());
    assertEquals(3 * batchSize, logs.sizeInBytes(topic, 0));
    assertEquals(2, logs.offsets(topic, 0).logStartOffset());
  }

  @Test
  void consumersBelowTheNewLogStartFollowTheirAutoOffsetResetAndCommitsStay() {
    String topic = topic(Map.of());
    for (int i = 0; i < 4; i++) {
      batch(topic, System.currentTimeMillis(), "k=" + i);
    }
    TopicPartition partition = new TopicPartition(topic, 0);
    String earliestGroup = "below-earliest-" + UUID.randomUUID();
    String latestGroup = "below-latest-" + UUID.randomUUID();
    for (String group : List.of(earliestGroup, latestGroup)) {
      try (GroupConsumer consumer = consumer(group, OffsetResetStrategy.EARLIEST)) {
        consumer.assign(List.of(partition));
        consumer.commit(Map.of(partition, new OffsetAndMetadata(1, "", Instant.now())));
      }
    }

    assertEquals(Map.of(0, 3L), cleanup.deleteRecords(topic, Map.of(0, 3L), "test"));

    try (GroupConsumer earliest = consumer(earliestGroup, OffsetResetStrategy.EARLIEST);
        GroupConsumer latest = consumer(latestGroup, OffsetResetStrategy.LATEST)) {
      earliest.assign(List.of(partition));
      latest.assign(List.of(partition));
      List<ConsumedRecord> read =
          earliest.poll(1 << 20, Duration.ZERO).toCompletableFuture().join();
      assertEquals(List.of(3L), read.stream().map(r -> r.record().offset()).toList());
      assertTrue(latest.poll(1 << 20, Duration.ZERO).toCompletableFuture().join().isEmpty());
      assertEquals(4L, latest.positions().get(partition));
    }
    assertEquals(1, commits.committed(earliestGroup).get(partition).offset());
  }

  @Test
  void deleteRecordsMovesTheLogStartInsideABatchAndRemovesOnlyWholeBatchesBelowIt() {
    String topic = topic(Map.of());
    long now = System.currentTimeMillis();
    long first = batch(topic, now, "a=0", "a=1");
    batch(topic, now, "a=2", "a=3");
    batch(topic, now, "a=4");
    long sizeBefore = logs.sizeInBytes(topic, 0);

    assertEquals(Map.of(0, 3L), cleanup.deleteRecords(topic, Map.of(0, 3L), "alice"));

    assertOutOfRange(topic, 2);
    assertEquals(List.of(3L, 4L), readAll(topic).stream().map(Record::offset).toList());
    assertEquals(sizeBefore - first, logs.sizeInBytes(topic, 0));
    CleaningRun run = cleanup.lastRuns(topic).deleteRecords();
    assertEquals(1, run.batchesRemoved());
    assertEquals("alice", run.by());

    assertEquals(Map.of(0, 3L), cleanup.deleteRecords(topic, Map.of(0, 1L), "alice"));
    assertEquals(Map.of(0, 5L), cleanup.deleteRecords(topic, Map.of(0, -1L), "alice"));
    assertTrue(readAll(topic).isEmpty());
    assertEquals(5, logs.offsets(topic, 0).lastStableOffset());
  }

  @Test
  void readBeforeStepsBackABatchAtATimeOverWhatCompactionRemoved() {
    String topic = topic(Map.of("cleanup.policy", "compact"));
    long now = System.currentTimeMillis();
    batch(topic, now, "early=0", "x=1", "x=2");
    batch(topic, now, "x=3", "x=4");
    batch(topic, now, "x=5");
    batch(topic, now, "late=6", "late=7");
    cleanup.runCompaction();
    assertEquals(List.of(0L, 5L, 6L, 7L), readAll(topic).stream().map(Record::offset).toList());

    FetchResult newest = logs.readBefore(topic, 0, 8, 1 << 20);
    assertEquals(List.of(6L, 7L), newest.records().stream().map(Record::offset).toList());
    assertEquals(6, newest.nextOffset());
    FetchResult before = logs.readBefore(topic, 0, 6, 1 << 20);
    assertEquals(List.of(5L), before.records().stream().map(Record::offset).toList());
    assertEquals(5, before.nextOffset());
    FetchResult first = logs.readBefore(topic, 0, 5, 1 << 20);
    assertEquals(List.of(0L), first.records().stream().map(Record::offset).toList());
    assertEquals(0, first.nextOffset(), "offsets 1 to 4 hold nothing: one read steps over them");
    assertTrue(logs.readBefore(topic, 0, 0, 1 << 20).records().isEmpty());

    FetchResult small = logs.readBefore(topic, 0, 8, 1);
    assertEquals(List.of(7L), small.records().stream().map(Record::offset).toList());
    assertEquals(7, small.nextOffset(), "at least one record, the newest, within max bytes");
  }

  @Test
  void readBeforeStopsAtTheLogStartInsideABatch() {
    String topic = topic(Map.of());
    long now = System.currentTimeMillis();
    batch(topic, now, "a=0", "a=1");
    batch(topic, now, "a=2", "a=3");
    batch(topic, now, "a=4");
    cleanup.deleteRecords(topic, Map.of(0, 3L), "t");

    FetchResult last = logs.readBefore(topic, 0, 5, 1 << 20);
    assertEquals(List.of(4L), last.records().stream().map(Record::offset).toList());
    FetchResult first = logs.readBefore(topic, 0, last.nextOffset(), 1 << 20);
    assertEquals(List.of(3L), first.records().stream().map(Record::offset).toList());
    assertEquals(3, first.nextOffset());
    TributaryException refused =
        assertThrows(TributaryException.class, () -> logs.readBefore(topic, 0, 2, 1 << 20));
    assertEquals(ErrorCode.OFFSET_OUT_OF_RANGE, refused.code());
  }

  @Test
  void deleteRecordsRefusesAnOffsetBeyondTheLastStableOffsetAndChangesNothing() {
    String topic = topic(Map.of());
    batch(topic, System.currentTimeMillis(), "a=0", "a=1");
    TributaryException refused =
        assertThrows(
            TributaryException.class, () -> cleanup.deleteRecords(topic, Map.of(0, 3L), "t"));
    assertEquals(ErrorCode.OFFSET_OUT_OF_RANGE, refused.code());
    TributaryException unknown =
        assertThrows(
            TributaryException.class, () -> cleanup.deleteRecords(topic, Map.of(1, 0L), "t"));
    assertEquals(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, unknown.code());
    assertEquals(0, logs.offsets(topic, 0).logStartOffset());
    assertNull(cleanup.lastRuns(topic).deleteRecords());
  }

  @Test
  void deleteRecordsIsRefusedOnACompactOnlyTopicAsKafkaRefusesIt() {
    String topic = topic(Map.of("cleanup.policy", "compact"));
    batch(topic, System.currentTimeMillis(), "a=1", "a=2");
    TributaryException refused =
        assertThrows(
            TributaryException.class, () -> cleanup.deleteRecords(topic, Map.of(0, 1L), "t"));
    assertEquals(ErrorCode.POLICY_VIOLATION, refused.code());
    assertEquals(0, logs.offsets(topic, 0).logStartOffset());
  }

  @Test
  void compactionKeepsExactlyTheLatestRecordPerKeyAtItsOriginalOffset() {
    String topic = topic(Map.of("cleanup.policy", "compact"));
    Map<String, Long> latestOffset = new HashMap<>();
    Map<String, String> latestValue = new HashMap<>();
    long offset = 0;
    for (int round = 0; round < 10; round++) {
      String[] records = new String[20];
      for (int key = 0; key < 20; key++) {
        records[key] = "key" + key + "=v" + round + "-" + key;
        latestOffset.put("key" + key, offset);
        latestValue.put("key" + key, "v" + round + "-" + key);
        offset++;
      }
      batch(topic, System.currentTimeMillis(), records);
    }
    batch(topic, System.currentTimeMillis(), "tail=not compacted", "tail=kept too");
    long sizeBefore = logs.sizeInBytes(topic, 0);

    CleaningRun run = cleanup.runCompaction().get(topic);

    assertEquals(180, run.recordsRemoved());
    List<Record> kept = readAll(topic);
    assertEquals(22, kept.size());
    for (Record record : kept.subList(0, 20)) {
      String key = text(record.key());
      assertEquals(latestOffset.get(key), record.offset(), key);
      assertEquals(latestValue.get(key), text(record.value()), key);
    }
    assertEquals(List.of(200L, 201L), kept.subList(20, 22).stream().map(Record::offset).toList());
    assertEquals(0, logs.offsets(topic, 0).logStartOffset());
    assertEquals(202, logs.offsets(topic, 0).lastStableOffset());
    assertEquals(sizeBefore - run.bytesRemoved(), logs.sizeInBytes(topic, 0));
    assertTrue(run.bytesRemoved() > 0);
    assertEquals(run, cleanup.lastRuns(topic).compaction());

    batch(topic, System.currentTimeMillis(), "new=1");
    assertNull(
        cleanup.runCompaction().get(topic),
        "2 new records (the old tail) of 22: below min.cleanable.dirty.ratio=0.5");
  }

  @Test
  void tombstonesStayForDeleteRetentionMsAndThenGo() throws InterruptedException {
    String topic = topic(Map.of("cleanup.policy", "compact", "delete.retention.ms", "5000"));
    long now = System.currentTimeMillis();
    batch(topic, now, "a=1", "b=1");
    batch(topic, now, "a=");
    batch(topic, now, "tail=1");

    cleanup.runCompaction();
    assertEquals(
        Map.of("b", "1", "a", "<tombstone>", "tail", "1"),
        withTombstones(latestPerKey(readAll(topic))));
    assertEquals(3, readAll(topic).size(), "a=1 went, its tombstone stays");

    assertNull(cleanup.runCompaction().get(topic), "the tombstone's time is not up yet");
    TimeUnit.MILLISECONDS.sleep(5100);
    cleanup.runCompaction();

    assertEquals(Map.of("b", "1", "tail", "1"), latestPerKey(readAll(topic)));
    assertEquals(List.of(1L, 3L), readAll(topic).stream().map(Record::offset).toList());
  }

  private static Map<String, String> withTombstones(Map<String, String> latest) {
    Map<String, String> shown = new HashMap<>();
    latest.forEach((key, value) -> shown.put(key, value == null ? "<tombstone>" : value));
    return shown;
  }

  @Test
  void recordsYoungerThanMinCompactionLagAreNotCompacted() {
    String topic = topic(Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "" + HOUR));
    long old = System.currentTimeMillis() - 2 * HOUR;
    batch(topic, old, "a=1", "a=2");
    batch(topic, System.currentTimeMillis(), "a=3", "a=4");
    batch(topic, System.currentTimeMillis(), "tail=1");

    cleanup.runCompaction();

    // Only the old batch was cleanable, and its keys' newer records are younger than the lag.
    assertEquals(List.of(1L, 2L, 3L, 4L), readAll(topic).stream().map(Record::offset).toList());
  }

  @Test
  void aCompactedTopicRefusesRecordsWithoutAKeyAndAppendsNothing() {
    String topic = topic(Map.of("cleanup.policy", "compact,delete"));
    List<NewRecord> records =
        List.of(
            new NewRecord(0, utf8("k"), utf8("v"), List.of(), null),
            new NewRecord(0, null, utf8("no key"), List.of(), null));
    TributaryException refused =
        assertThrows(TributaryException.class, () -> logs.appender().append(topic, records));
    assertEquals(ErrorCode.INVALID_RECORD, refused.code());
    assertTrue(refused.getMessage().contains("no key"), refused.getMessage());
    assertEquals(0, logs.offsets(topic, 0).lastStableOffset());
  }

  @Test
  void aProducerAndAConsumerRunningThroughCompactionSeeNoErrorsNoLossAndNoReordering()
      throws Exception {
    String topic = topic(Map.of("cleanup.policy", "compact", "min.cleanable.dirty.ratio", "0"));
    Map<Long, String> produced = new ConcurrentHashMap<>();
    Map<String, String> lastProduced = new ConcurrentHashMap<>();
    AtomicBoolean producing = new AtomicBoolean(true);
    CompletableFuture<Void> producer =
        CompletableFuture.runAsync(
            () -> {
              try {
                for (int round = 0; round < 150; round++) {
                  List<NewRecord> batch = new ArrayList<>();
                  for (int i = 0; i < 10; i++) {
                    String key = "key" + ((round * 10 + i) % 40);
                    batch.add(
                        new NewRecord(0, utf8(key), utf8(key + "@" + round), List.of(), null));
                  }
                  var appended = logs.appender().append(topic, batch).toCompletableFuture().join();
                  for (int i = 0; i < batch.size(); i++) {
                    produced.put(appended.get(i).offset(), text(batch.get(i).value()));
                    lastProduced.put(text(batch.get(i).key()), text(batch.get(i).value()));
                  }
                }
              } finally {
                producing.set(false);
              }
            });
    Map<Long, String> consumed = new LinkedHashMap<>();
    List<Throwable> cleanerErrors = new ArrayList<>();
    CompletableFuture<Void> compactions =
        CompletableFuture.runAsync(
            () -> {
              while (producing.get()) {
                try {
                  cleanup.runCompaction();
                } catch (RuntimeException e) {
                  cleanerErrors.add(e);
                }
              }
            });
    long position = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while ((producing.get() || position < logs.offsets(topic, 0).lastStableOffset())
        && System.nanoTime() < deadline) {
      FetchResult page =
          logs.fetch(topic, 0, position, 4096, Duration.ofMillis(100)).toCompletableFuture().join();
      for (Record record : page.records()) {
        assertTrue(record.offset() >= position, "offsets only grow");
        consumed.put(record.offset(), text(record.value()));
        position = record.offset() + 1;
      }
      position = Math.max(position, page.nextOffset());
    }
    producer.get(60, TimeUnit.SECONDS);
    compactions.get(60, TimeUnit.SECONDS);

    assertTrue(cleanerErrors.isEmpty(), cleanerErrors.toString());
    Map<String, String> latestConsumed = new HashMap<>();
    consumed.forEach(
        (offset, value) -> {
          assertEquals(produced.get(offset), value, "the record at " + offset);
          latestConsumed.put(value.substring(0, value.indexOf('@')), value);
        });
    assertEquals(lastProduced, latestConsumed, "the consumer saw every key's latest value");
    cleanup.runCompaction();
    assertEquals(lastProduced, latestPerKey(readAll(topic)));
    assertFalse(cleanup.lastRuns(topic).compaction().recordsRemoved() < 0);
    assertTrue(readAll(topic).size() < 1500, "compaction removed superseded records");
  }

  private GroupConsumer consumer(String group, OffsetResetStrategy reset) {
    return consumers.create(
        group,
        new ConsumerOptions(
            "test",
            reset,
            false,
            1,
            Duration.ofSeconds(30),
            ConsumerOptions.defaults().assignor()));
  }
}
