package org.tributary.inserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.log.BatchStore;
import org.tributary.log.FetchResult;
import org.tributary.log.Header;
import org.tributary.log.LogCleanup;
import org.tributary.log.NewRecord;
import org.tributary.log.PartitionLogs;
import org.tributary.log.PartitionOffsets;
import org.tributary.log.Record;
import org.tributary.log.RecordMetadata;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicMetadata;

/**
 * The log core inside a running Payara Micro, on the real database (see {@link
 * InServerDeployment}).
 */
@ExtendWith(ArquillianExtension.class)
class PartitionLogsInServerIT {

  @Inject PartitionLogs logs;
  @Inject TopicCatalog topics;
  @Inject BatchStore store;
  @Inject LogCleanup cleanup;
  @Inject UserTransaction transaction;

  @Resource(lookup = "java:app/jdbc/tributary")
  DataSource dataSource;

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private String newTopic(int partitions, Map<String, String> configs) {
    String name = "it-" + UUID.randomUUID().toString().substring(0, 8);
    topics.create(name, partitions, configs);
    return name;
  }

  private List<RecordMetadata> append(String topic, NewRecord... records) {
    return logs.appender().append(topic, List.of(records)).toCompletableFuture().join();
  }

  private FetchResult fetch(String topic, int partition, long offset) {
    return logs.fetch(topic, partition, offset, 1 << 20, Duration.ZERO)
        .toCompletableFuture()
        .join();
  }

  @Test
  void appendedRecordsAreFetchedWithKeysValuesHeadersAndTimestamps() {
    String topic = newTopic(1, Map.of());
    List<Header> headers =
        List.of(
            new Header("trace", utf8("abc")),
            new Header("empty", null),
            new Header("trace", utf8("again")));
    List<RecordMetadata> appended =
        append(
            topic,
            new NewRecord(null, utf8("k"), utf8("v1"), headers, 1_600_000_000_000L),
            new NewRecord(null, null, null, List.of(), null));

    assertEquals(List.of(0L, 1L), appended.stream().map(RecordMetadata::offset).toList());
    FetchResult fetched = fetch(topic, 0, 0);
    assertEquals(2, fetched.records().size());
    Record first = fetched.records().get(0);
    assertArrayEquals(utf8("k"), first.key());
    assertArrayEquals(utf8("v1"), first.value());
    assertEquals(headers, first.headers(), "headers keep their order, duplicates and null values");
    assertEquals(1_600_000_000_000L, first.timestamp());
    Record tombstone = fetched.records().get(1);
    assertNull(tombstone.key());
    assertNull(tombstone.value());
    assertEquals(
        appended.get(1).timestamp(),
        tombstone.timestamp(),
        "broker time when the producer gave none");
    assertEquals(2, fetched.lastStableOffset());
    assertEquals(2, fetched.nextOffset());
  }

  @Test
  void fetchStartsExactlyAtTheRequestedOffsetAndRespectsMaxBytes() {
    String topic = newTopic(1, Map.of());
    for (int i = 0; i < 10; i++) {
      append(
          topic,
          NewRecord.of(null, utf8("value-" + i)),
          NewRecord.of(null, utf8("value-" + i + "b")));
    }
    FetchResult fromMiddle = fetch(topic, 0, 5);
    assertEquals(5, fromMiddle.records().get(0).offset());
    assertEquals(15, fromMiddle.records().size());

    FetchResult small = logs.fetch(topic, 0, 3, 1, Duration.ZERO).toCompletableFuture().join();
    assertEquals(1, small.records().size(), "at least one record, even past max bytes");
    assertEquals(4, small.nextOffset());
  }

  @Test
  void logAppendTimeTopicsStampTheBrokersTime() {
    String topic = newTopic(1, Map.of("message.timestamp.type", "LogAppendTime"));
    long before = System.currentTimeMillis();
    append(topic, new NewRecord(null, null, utf8("x"), List.of(), 1L));
    long stamped = fetch(topic, 0, 0).records().get(0).timestamp();
    assertTrue(stamped >= before, "the producer's timestamp 1 was replaced by the append time");
  }

  @Test
  void compressedTopicsRoundTrip() {
    for (String codec : List.of("gzip", "lz4", "zstd", "snappy")) {
      String topic = newTopic(1, Map.of("compression.type", codec));
      append(
          topic,
          NewRecord.of(utf8("a"), utf8("x".repeat(1000))),
          NewRecord.of(utf8("b"), utf8("y".repeat(1000))));
      FetchResult fetched = fetch(topic, 0, 1);
      assertArrayEquals(utf8("y".repeat(1000)), fetched.records().get(0).value(), codec);
    }
  }

  @Test
  void concurrentProducersGetContiguousOffsetsKeepPerKeyOrderAndEveryAcknowledgedRecordIsReadable()
      throws Exception {
    String topic = newTopic(3, Map.of());
    int producers = 8;
    int recordsEach = 200;
    ExecutorService pool = Executors.newFixedThreadPool(producers);
    List<Future<List<RecordMetadata>>> results = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      String key = "producer-" + p;
      results.add(
          pool.submit(
              () -> {
                List<RecordMetadata> acked = new ArrayList<>();
                for (int i = 0; i < recordsEach; i++) {
                  acked.addAll(append(topic, NewRecord.of(utf8(key), utf8(key + ":" + i))));
                }
                return acked;
              }));
    }
    Map<Integer, List<Long>> offsetsByPartition = new ConcurrentHashMap<>();
    Map<String, RecordMetadata> byValue = new HashMap<>();
    for (int p = 0; p < producers; p++) {
      List<RecordMetadata> acked = results.get(p).get(120, TimeUnit.SECONDS);
      for (int i = 0; i < acked.size(); i++) {
        RecordMetadata metadata = acked.get(i);
        offsetsByPartition
            .computeIfAbsent(metadata.partition(), k -> new ArrayList<>())
            .add(metadata.offset());
        byValue.put("producer-" + p + ":" + i, metadata);
        if (i > 0) {
          assertTrue(metadata.offset() > acked.get(i - 1).offset(), "per-key order kept");
          assertEquals(
              acked.get(i - 1).partition(), metadata.partition(), "a key stays on its partition");
        }
      }
    }
    pool.shutdown();

    long total = 0;
    for (Map.Entry<Integer, List<Long>> partition : offsetsByPartition.entrySet()) {
      List<Long> offsets = partition.getValue().stream().sorted().toList();
      for (int i = 0; i < offsets.size(); i++) {
        assertEquals(
            i,
            offsets.get(i),
            "offsets of partition " + partition.getKey() + " are 0..n-1 without gaps or repeats");
      }
      total += offsets.size();
      List<Record> stored = readAll(topic, partition.getKey());
      assertEquals(offsets.size(), stored.size());
      for (Record record : stored) {
        RecordMetadata metadata = byValue.get(new String(record.value(), StandardCharsets.UTF_8));
        assertEquals(record.offset(), metadata.offset(), "readable at its acknowledged offset");
        assertEquals(partition.getKey(), metadata.partition());
      }
    }
    assertEquals(producers * recordsEach, total);
  }

  @Test
  void fetchAtLastStableOffsetWaitsThenReturnsNewRecords() throws Exception {
    String topic = newTopic(1, Map.of());
    append(topic, NewRecord.of(null, utf8("first")));
    long start = System.nanoTime();
    CompletableFuture<FetchResult> waiting =
        logs.fetch(topic, 0, 1, 1 << 20, Duration.ofSeconds(20)).toCompletableFuture();
    Thread.sleep(300);
    assertTrue(!waiting.isDone(), "nothing to read yet: the fetch waits");
    append(topic, NewRecord.of(null, utf8("second")));
    FetchResult result = waiting.get(5, TimeUnit.SECONDS);
    long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals(1, result.records().size());
    assertArrayEquals(utf8("second"), result.records().get(0).value());
    assertTrue(
        waitedMillis < 5_000,
        "woke up when data arrived, not at max wait: " + waitedMillis + " ms");
  }

  @Test
  void fetchAtLastStableOffsetReturnsEmptyAfterMaxWait() {
    String topic = newTopic(1, Map.of());
    long start = System.nanoTime();
    FetchResult result =
        logs.fetch(topic, 0, 0, 1024, Duration.ofMillis(400)).toCompletableFuture().join();
    long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(result.records().isEmpty());
    assertTrue(waitedMillis >= 350, "waited for max wait: " + waitedMillis + " ms");
  }

  @Test
  void offsetsOutsideTheLogAreOutOfRange() {
    String topic = newTopic(1, Map.of());
    append(topic, NewRecord.of(null, utf8("a")));
    for (long offset : new long[] {-1, 2, Long.MAX_VALUE}) {
      TributaryException e = assertThrows(TributaryException.class, () -> fetch(topic, 0, offset));
      assertEquals(ErrorCode.OFFSET_OUT_OF_RANGE, e.code());
    }
  }

  @Test
  void aSendRolledBackAtTheEndOfTheLogRecordsTheEndSoNoOffsetIsHandedOutTwice() throws Exception {
    String topic = newTopic(1, Map.of());
    long topicId = topics.get(topic).id();
    assertEquals(0, append(topic, NewRecord.of(null, utf8("kept"))).get(0).offset());
    transaction.begin();
    try {
      List<RecordMetadata> sent =
          logs.appendInTransaction(
              topic,
              List.of(
                  NewRecord.of(null, utf8("x")),
                  NewRecord.of(null, utf8("y")),
                  NewRecord.of(null, utf8("z"))));
      assertEquals(List.of(1L, 2L, 3L), sent.stream().map(RecordMetadata::offset).toList());
    } finally {
      transaction.rollback();
    }

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (logs.offsets(topic, 0).lastStableOffset() < 4 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(4, logs.offsets(topic, 0).lastStableOffset(), "consumers pass the gap");
    assertTrue(
        store.logEnds().stream()
            .anyMatch(
                end -> end.topicId() == topicId && end.partition() == 0 && end.offset() == 4L),
        "the end of the log is recorded before consumers pass the gap: a restart starts at 4");
    assertEquals(4, append(topic, NewRecord.of(null, utf8("next"))).get(0).offset());
  }

  @Test
  void offsetForTimestampLooksOnlyBetweenTheLogStartAndTheLastStableOffset() {
    // A batch per record: a 30-byte value fills max.message.bytes.
    String topic = newTopic(1, Map.of("max.message.bytes", "100"));
    List<NewRecord> records = new ArrayList<>();
    for (int i = 0; i < 1_050; i++) {
      records.add(
          new NewRecord(null, null, utf8(String.format("%030d", i)), List.of(), 1_000L + i));
    }
    logs.appender().append(topic, records).toCompletableFuture().join();
    // Removes the first 1,000 batches at once; the 20 left below 1,020 stay stored, unreadable.
    assertEquals(Map.of(0, 1_020L), cleanup.deleteRecords(topic, Map.of(0, 1_020L), "test"));

    assertEquals(OptionalLong.of(1_020), logs.offsetForTimestamp(topic, 0, 0));
    assertEquals(OptionalLong.of(1_030), logs.offsetForTimestamp(topic, 0, 2_030));
    assertEquals(OptionalLong.empty(), logs.offsetForTimestamp(topic, 0, 2_050));
  }

  @Test
  void offsetForTimestampFindsTheFirstRecordAtOrAfterIt() {
    String topic = newTopic(1, Map.of());
    append(topic, new NewRecord(null, null, utf8("a"), List.of(), 1_000L));
    append(
        topic,
        new NewRecord(null, null, utf8("b"), List.of(), 2_000L),
        new NewRecord(null, null, utf8("c"), List.of(), 3_000L));
    assertEquals(OptionalLong.of(0), logs.offsetForTimestamp(topic, 0, 500));
    assertEquals(OptionalLong.of(1), logs.offsetForTimestamp(topic, 0, 1_500));
    assertEquals(OptionalLong.of(2), logs.offsetForTimestamp(topic, 0, 3_000));
    assertEquals(OptionalLong.empty(), logs.offsetForTimestamp(topic, 0, 3_001));
  }

  @Test
  void oversizedRecordIsRefusedAndNothingOfItsRequestIsAppended() {
    String topic = newTopic(1, Map.of("max.message.bytes", "1000"));
    TributaryException e =
        assertThrows(
            TributaryException.class,
            () ->
                logs.appender()
                    .append(
                        topic,
                        List.of(
                            NewRecord.of(null, utf8("ok")), NewRecord.of(null, new byte[2000]))));
    assertEquals(ErrorCode.RECORD_TOO_LARGE, e.code());
    assertEquals(0, logs.offsets(topic, 0).lastStableOffset());
  }

  @Test
  void topicLifecycleCreateDescribeGrowConfigureDelete() {
    String topic = newTopic(2, Map.of("retention.ms", "1000"));
    TributaryException duplicate =
        assertThrows(TributaryException.class, () -> topics.create(topic, 1, Map.of()));
    assertEquals(ErrorCode.TOPIC_ALREADY_EXISTS, duplicate.code());
    append(topic, new NewRecord(1, null, utf8("a"), List.of(), null));

    TopicMetadata grown = topics.addPartitions(topic, 4);
    assertEquals(4, grown.partitions());
    assertEquals(
        List.of(0L, 1L, 0L, 0L),
        logs.offsets(topic).stream().map(PartitionOffsets::lastStableOffset).toList());
    assertEquals(
        ErrorCode.INVALID_PARTITIONS,
        assertThrows(TributaryException.class, () -> topics.addPartitions(topic, 3)).code());

    TopicMetadata configured =
        topics.alterConfig(topic, Map.of("cleanup.policy", "compact"), List.of("retention.ms"));
    assertEquals("compact", configured.config().effective().get("cleanup.policy"));
    assertEquals(604800000L, configured.config().retentionMs());
    assertEquals(
        ErrorCode.INVALID_CONFIG,
        assertThrows(
                TributaryException.class,
                () -> topics.alterConfig(topic, Map.of("retention.ms", "x"), List.of()))
            .code());

    topics.delete(topic);
    assertEquals(
        ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
        assertThrows(TributaryException.class, () -> logs.offsets(topic)).code());
    topics.create(topic, 1, Map.of());
    assertEquals(
        0,
        logs.offsets(topic, 0).lastStableOffset(),
        "a recreated topic starts empty: the old records went");
  }

  @Test
  void appendToAMissingTopicCreatesItWhenAutoCreationIsOn() {
    String topic = "auto-" + UUID.randomUUID().toString().substring(0, 8);
    append(topic, NewRecord.of(null, utf8("x")));
    assertTrue(topics.find(topic).isPresent());
  }

  @Test
  void invalidTopicNamesAreRefused() {
    TributaryException e =
        assertThrows(TributaryException.class, () -> topics.create("no spaces", 1, Map.of()));
    assertEquals(ErrorCode.INVALID_TOPIC_EXCEPTION, e.code());
  }

  private List<Record> readAll(String topic, int partition) {
    List<Record> all = new ArrayList<>();
    long offset = 0;
    while (true) {
      FetchResult result =
          logs.fetch(topic, partition, offset, 64 * 1024, Duration.ZERO)
              .toCompletableFuture()
              .join();
      if (result.records().isEmpty()) {
        return all;
      }
      all.addAll(result.records());
      offset = result.nextOffset();
    }
  }

  /**
   * Retention, compaction, DeleteRecords and fetches walk one partition's batches in offset order,
   * a page at a time: an index must lead with the partition for each way they walk, or every page
   * scans (and sorts) the whole partition. The primary key's own index leads with base_offset.
   */
  @Test
  void theBatchTableHasAnIndexForEachWalkOfAPartition() throws SQLException {
    Map<String, TreeMap<Integer, String>> indexes = new HashMap<>();
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData metaData = connection.getMetaData();
      String table =
          metaData.storesUpperCaseIdentifiers()
              ? "TRIBUTARY_RECORD_BATCH"
              : "tributary_record_batch";
      try (ResultSet columns = metaData.getIndexInfo(null, null, table, false, false)) {
        while (columns.next()) {
          if (columns.getString("INDEX_NAME") != null) {
            indexes
                .computeIfAbsent(columns.getString("INDEX_NAME"), name -> new TreeMap<>())
                .put(columns.getInt("ORDINAL_POSITION"), columns.getString("COLUMN_NAME"));
          }
        }
      }
    }
    List<List<String>> leading =
        indexes.values().stream()
            .map(columns -> columns.values().stream().map(String::toLowerCase).toList())
            .toList();
    assertTrue(
        leading.contains(List.of("topic_id", "partition_id", "base_offset")),
        "by base offset: " + leading);
    assertTrue(
        leading.contains(List.of("topic_id", "partition_id", "last_offset")),
        "by last offset: " + leading);
  }
}
