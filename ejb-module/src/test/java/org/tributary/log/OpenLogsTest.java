package org.tributary.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.testing.Refusals.assertRefused;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicConfig;
import org.tributary.topic.TopicMetadata;

class OpenLogsTest {

  private static final TopicMetadata ORDERS =
      new TopicMetadata(1, "orders", 2, TopicConfig.defaults(), Instant.EPOCH);

  private final Map<String, TopicMetadata> topics = new HashMap<>(Map.of("orders", ORDERS));
  private final OpenLogs logs = new OpenLogs(name -> Optional.ofNullable(topics.get(name)));

  @BeforeEach
  void recover() {
    logs.recover(recovery(), List.of(ORDERS), List.of(new LogExtent(ORDERS.id(), 0, 0, 9, 100)));
  }

  private static LogRecovery recovery() {
    return new LogRecovery(
        List.of(), List.of(), 1 << 20, new TailCacheBudget(1 << 20), null, l -> {});
  }

  @Test
  void aPartitionHasOneLogRecoveredOrCreatedOnFirstUse() {
    assertEquals(10, logs.existing("orders", 0).lastStableOffset());
    PartitionLog created = logs.existing("orders", 1);
    assertEquals(0, created.lastStableOffset());
    assertSame(created, logs.existing("orders", 1));
    assertEquals(List.of(logs.existing("orders", 0), created), logs.logsOf(ORDERS));
  }

  @Test
  void anUnknownTopicOrPartitionIsRefused() {
    assertRefused(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, () -> logs.existing("orders", 2));
    assertRefused(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, () -> logs.existing("nope", 0));
  }

  @Test
  void noLogOutlivesATopicDeletedWhileARequestHeldItsMetadata() {
    topics.remove("orders");
    assertThrows(TributaryException.class, () -> logs.log(ORDERS, 1));
    topics.put("orders", new TopicMetadata(2, "orders", 2, TopicConfig.defaults(), Instant.EPOCH));
    assertThrows(TributaryException.class, () -> logs.log(ORDERS, 1), "re-created: another id");
    assertEquals(1, logs.all().size(), "only the recovered log");
  }

  @Test
  void closingADeletedTopicFailsItsWaitingFetchesAndDropsItsLogs() {
    PartitionLog log = logs.existing("orders", 0);
    CompletableFuture<Void> waiting = log.awaitDataBeyond(10);
    logs.close(ORDERS);
    assertTrue(log.isClosed());
    CompletionException failed = assertThrows(CompletionException.class, waiting::join);
    assertEquals(
        ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ((TributaryException) failed.getCause()).code());
    assertTrue(logs.all().isEmpty());
    assertNotSame(log, logs.existing("orders", 0), "a later use gets a new log");
  }

  @Test
  void recoveringAgainReplacesEveryLogAndHandsTheOldOnesBack() {
    PartitionLog before = logs.existing("orders", 0);
    List<PartitionLog> replaced =
        logs.recover(
            recovery(), List.of(ORDERS), List.of(new LogExtent(ORDERS.id(), 0, 0, 19, 200)));
    assertEquals(List.of(before), replaced);
    assertEquals(20, logs.existing("orders", 0).lastStableOffset());
  }
}
