package org.tributary.inserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tributary.consumer.ConsumedRecord;
import org.tributary.consumer.ConsumerFactory;
import org.tributary.consumer.ConsumerOptions;
import org.tributary.consumer.GroupConsumer;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.group.GroupCoordinator;
import org.tributary.group.OffsetAndMetadata;
import org.tributary.group.OffsetCommits;
import org.tributary.group.OffsetResetStrategy;
import org.tributary.log.NewRecord;
import org.tributary.log.PartitionLogs;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicPartition;

/** The core's consumer inside a running Payara Micro: groups, positions, long poll, commits. */
@ExtendWith(ArquillianExtension.class)
class ConsumerInServerIT {

  private static final int MAX_BYTES = 1 << 20;

  @Inject ConsumerFactory consumers;
  @Inject GroupCoordinator coordinator;
  @Inject OffsetCommits commits;
  @Inject TopicCatalog topics;
  @Inject PartitionLogs logs;

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private String topic(int partitions) {
    String name = unique("cons");
    topics.create(name, partitions, Map.of());
    return name;
  }

  private void append(String topic, int partition, String... values) {
    List<NewRecord> records = new ArrayList<>();
    for (String value : values) {
      records.add(
          new NewRecord(partition, null, value.getBytes(StandardCharsets.UTF_8), List.of(), null));
    }
    logs.appender().append(topic, records).toCompletableFuture().join();
  }

  private GroupConsumer consumer(String group, OffsetResetStrategy reset, boolean autoCommit) {
    return consumers.create(
        group,
        new ConsumerOptions(
            "test",
            reset,
            autoCommit,
            1,
            Duration.ofSeconds(30),
            ConsumerOptions.defaults().assignor()));
  }

  private static List<ConsumedRecord> poll(GroupConsumer consumer, Duration wait) {
    return consumer.poll(MAX_BYTES, wait).toCompletableFuture().join();
  }

  private static List<String> values(List<ConsumedRecord> records) {
    return records.stream()
        .map(r -> new String(r.record().value(), StandardCharsets.UTF_8))
        .sorted()
        .toList();
  }

  @Test
  void twoMembersOfOneGroupSplitThePartitionsAndTogetherReadEverythingOnce() {
    String topic = topic(4);
    for (int p = 0; p < 4; p++) {
      append(topic, p, "r" + p);
    }
    String group = unique("split");
    try (GroupConsumer a = consumer(group, OffsetResetStrategy.EARLIEST, false);
        GroupConsumer b = consumer(group, OffsetResetStrategy.EARLIEST, false)) {
      a.subscribe(List.of(topic));
      b.subscribe(List.of(topic));
      // b gets its share once a has heard of the rebalance and let it go.
      List<TopicPartition> ofA = a.assignment();
      List<TopicPartition> ofB = b.assignment();

      Set<TopicPartition> all = new HashSet<>(ofA);
      ofB.forEach(partition -> assertTrue(all.add(partition), partition + " owned twice"));
      assertEquals(4, all.size());
      assertEquals(2, ofA.size());
      List<ConsumedRecord> read = new ArrayList<>(poll(a, Duration.ZERO));
      read.addAll(poll(b, Duration.ZERO));
      assertEquals(List.of("r0", "r1", "r2", "r3"), values(read));
    }
  }

  @Test
  void aCommittedPositionIsWhereTheNextMemberOfTheGroupResumes() {
    String topic = topic(1);
    append(topic, 0, "a", "b", "c");
    String group = unique("resume");
    try (GroupConsumer first = consumer(group, OffsetResetStrategy.EARLIEST, false)) {
      first.subscribe(List.of(topic));
      assertEquals(List.of("a", "b", "c"), values(poll(first, Duration.ZERO)));
      first.commit(
          Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(2, "", Instant.now())));
    }
    try (GroupConsumer second = consumer(group, OffsetResetStrategy.EARLIEST, false)) {
      second.subscribe(List.of(topic));
      assertEquals(List.of("c"), values(poll(second, Duration.ZERO)));
    }
  }

  @Test
  void autoCommitCommitsWhatWasReturnedAndCloseLeavesTheGroup() {
    String topic = topic(1);
    append(topic, 0, "a", "b", "c");
    String group = unique("auto");
    GroupConsumer consumer = consumer(group, OffsetResetStrategy.EARLIEST, true);
    consumer.subscribe(List.of(topic));
    assertEquals(3, poll(consumer, Duration.ZERO).size());

    consumer.close();

    assertEquals(3, commits.committed(group).get(new TopicPartition(topic, 0)).offset());
    assertTrue(coordinator.describe(group).members().isEmpty());
    TributaryException closed =
        assertThrows(TributaryException.class, () -> consumer.poll(MAX_BYTES, Duration.ZERO));
    assertEquals(ErrorCode.ILLEGAL_STATE, closed.code());
  }

  @Test
  void aWaitingPollCompletesOnTheNextAppendAndASecondPollIsRefusedMeanwhile() throws Exception {
    String topic = topic(3);
    try (GroupConsumer consumer = consumer(unique("wait"), OffsetResetStrategy.LATEST, false)) {
      consumer.subscribe(List.of(topic));
      CompletableFuture<List<ConsumedRecord>> waiting =
          consumer.poll(MAX_BYTES, Duration.ofSeconds(20)).toCompletableFuture();
      Thread.sleep(200);
      assertFalse(waiting.isDone(), "nothing to read yet");
      TributaryException second =
          assertThrows(TributaryException.class, () -> consumer.poll(MAX_BYTES, Duration.ZERO));
      assertEquals(ErrorCode.ILLEGAL_STATE, second.code());

      long appended = System.nanoTime();
      append(topic, 2, "late");
      List<ConsumedRecord> records = waiting.get(5, TimeUnit.SECONDS);
      long latencyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - appended);

      assertEquals(List.of("late"), values(records));
      assertTrue(latencyMillis < 1000, "woke " + latencyMillis + " ms after the append");
    }
  }

  @Test
  void aPatternSubscriptionFollowsTopicsCreatedLater() {
    String prefix = unique("pat");
    try (GroupConsumer consumer =
        consumer(unique("pattern"), OffsetResetStrategy.EARLIEST, false)) {
      consumer.subscribe(Pattern.quote(prefix) + "-.*");
      assertTrue(consumer.assignment().isEmpty());

      topics.create(prefix + "-one", 2, Map.of());
      append(prefix + "-one", 1, "x");

      assertEquals(Set.of(prefix + "-one"), consumer.subscription());
      assertEquals(2, consumer.assignment().size());
      assertEquals(List.of("x"), values(poll(consumer, Duration.ofSeconds(5))));
    }
  }

  @Test
  void aPositionBeyondTheLogFallsBackToAutoOffsetReset() {
    String topic = topic(1);
    append(topic, 0, "a", "b");
    TopicPartition partition = new TopicPartition(topic, 0);
    try (GroupConsumer consumer = consumer(unique("reset"), OffsetResetStrategy.EARLIEST, false)) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, 1000);
      assertEquals(List.of("a", "b"), values(poll(consumer, Duration.ZERO)));
      assertEquals(2L, consumer.positions().get(partition));
    }
  }

  @Test
  void subscriptionAndManualAssignmentAreMutuallyExclusive() {
    String topic = topic(1);
    try (GroupConsumer consumer = consumer(unique("mixed"), OffsetResetStrategy.EARLIEST, false)) {
      consumer.assign(List.of(new TopicPartition(topic, 0)));
      TributaryException refused =
          assertThrows(TributaryException.class, () -> consumer.subscribe(List.of(topic)));
      assertEquals(ErrorCode.INCONSISTENT_SUBSCRIPTION, refused.code());
      TributaryException notOwned =
          assertThrows(
              TributaryException.class, () -> consumer.seek(new TopicPartition(topic, 5), 0));
      assertEquals(ErrorCode.ILLEGAL_STATE, notOwned.code());
    }
  }
}
