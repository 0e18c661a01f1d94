package org.tributary.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.testing.Refusals.assertRefused;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicConfig;
import org.tributary.topic.TopicMetadata;

class ProduceRoutingTest {

  private static final long NOW = 1_700_000_000_000L;
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

  private TopicMetadata topic = new TopicMetadata(7, "t", 4, TopicConfig.defaults(), Instant.EPOCH);
  private final List<String> lookedUp = new ArrayList<>();
  private final OpenLogs logs = openLogs();

  /** The topic from now on has these configs. */
  private void configure(Map<String, String> config) {
    topic = new TopicMetadata(7, "t", 4, TopicConfig.of(config), Instant.EPOCH);
  }

  private OpenLogs openLogs() {
    OpenLogs open = new OpenLogs(name -> Optional.of(topic));
    open.recover(
        new LogRecovery(
            List.of(), List.of(), 1 << 20, new TailCacheBudget(1 << 20), null, log -> {}),
        List.of(),
        List.of());
    return open;
  }

  private ProduceRouting routing() {
    return new ProduceRouting(
        () -> 42,
        name -> {
          lookedUp.add(name);
          return topic;
        },
        logs,
        CLOCK);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static NewRecord keyed(String key) {
    return NewRecord.of(utf8(key), utf8("v"));
  }

  private static NewRecord withTimestamp(long timestamp) {
    return new NewRecord(null, utf8("k"), utf8("v"), List.of(), timestamp);
  }

  private static List<Integer> partitions(ProduceRouting.Routed routed) {
    return routed.partitions().stream().map(log -> log.topicPartition().partition()).toList();
  }

  @Test
  void anExplicitPartitionWinsAndAKeyLandsWhereKafkasPartitionerPutsIt() {
    ProduceRouting.Routed routed =
        routing()
            .route(
                "t",
                List.of(new NewRecord(3, utf8("a"), utf8("v"), List.of(), null), keyed("order-1")));
    assertEquals(42, routed.writerEpoch());
    assertSame(topic, routed.topic());
    assertEquals(
        List.of(3, BuiltInPartitioner.partitionForKey(utf8("order-1"), 4)), partitions(routed));
    assertSame(logs.log(topic, 3), routed.partitions().get(0), "the partition's one log");
  }

  @Test
  void recordsWithoutAKeyShareOnePartitionUntilABatchSizeOfThemWentThere() {
    ProduceRouting routing = routing();
    List<NewRecord> keyless = List.of(NewRecord.of(null, utf8("a")), NewRecord.of(null, utf8("b")));
    List<Integer> first = partitions(routing.route("t", keyless));
    List<Integer> second = partitions(routing.route("t", keyless));
    assertEquals(first.get(0), first.get(1));
    assertEquals(first, second, "two small requests share the sticky partition");

    byte[] big = new byte[Partitioner.STICKY_BYTES];
    assertEquals(
        first.get(0), partitions(routing.route("t", List.of(NewRecord.of(null, big)))).get(0));
    assertEquals(
        (first.get(0) + 1) % 4,
        partitions(routing.route("t", keyless)).get(0),
        "a batch's worth went there: the next partition takes over");
  }

  @Test
  void theWriterIsCheckedBeforeTheTopicIsLookedUpOrCreated() {
    TributaryException notWriter =
        new TributaryException(ErrorCode.NOT_LEADER_OR_FOLLOWER, "another server writes");
    ProduceRouting routing =
        new ProduceRouting(
            () -> {
              throw notWriter;
            },
            name -> {
              lookedUp.add(name);
              return topic;
            },
            logs,
            CLOCK);
    assertSame(
        notWriter,
        assertThrows(TributaryException.class, () -> routing.route("t", List.of(keyed("k")))));
    assertEquals(List.of(), lookedUp);
  }

  @Test
  void anUnknownExplicitPartitionIsRefused() {
    assertRefused(
        ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
        () -> routing().route("t", List.of(new NewRecord(4, null, utf8("v"), List.of(), null))));
  }

  @Test
  void aCompactedTopicRefusesTheWholeRequestWhenOneRecordHasNoKey() {
    configure(Map.of("cleanup.policy", "compact"));
    TributaryException refused =
        assertRefused(
            ErrorCode.INVALID_RECORD,
            () -> routing().route("t", List.of(keyed("k"), NewRecord.of(null, utf8("v")))));
    assertTrue(refused.getMessage().startsWith("Record 1 has no key"), refused.getMessage());
  }

  @Test
  void aNegativeTimestampIsAnInvalidRecord() {
    assertRefused(ErrorCode.INVALID_RECORD, () -> routing().route("t", List.of(withTimestamp(-1))));
  }

  @Test
  void timestampsAreCheckedAgainstTheInjectedBrokerClock() {
    configure(
        Map.of(
            "message.timestamp.before.max.ms", "1000",
            "message.timestamp.after.max.ms", "1000"));
    ProduceRouting routing = routing();
    routing.route("t", List.of(withTimestamp(NOW - 1000), withTimestamp(NOW + 1000)));
    TributaryException tooOld =
        assertRefused(
            ErrorCode.INVALID_TIMESTAMP,
            () -> routing.route("t", List.of(withTimestamp(NOW - 1001))));
    assertTrue(tooOld.getMessage().contains("at broker time " + NOW), tooOld.getMessage());
    assertRefused(
        ErrorCode.INVALID_TIMESTAMP, () -> routing.route("t", List.of(withTimestamp(NOW + 1001))));
  }

  @Test
  void aRecordLargerThanMaxMessageBytesAsABatchIsTooLarge() {
    configure(Map.of("max.message.bytes", "100"));
    ProduceRouting routing = routing();
    byte[] fits = new byte[100 - BatchBuilder.singleRecordBatchSize(null, new byte[0], List.of())];
    routing.route("t", List.of(NewRecord.of(null, fits)));
    assertRefused(
        ErrorCode.RECORD_TOO_LARGE,
        () -> routing.route("t", List.of(NewRecord.of(null, new byte[fits.length + 1]))));
  }
}
