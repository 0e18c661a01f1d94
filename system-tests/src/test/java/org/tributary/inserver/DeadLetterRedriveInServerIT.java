package org.tributary.inserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tributary.log.Header;
import org.tributary.log.NewRecord;
import org.tributary.log.PartitionLogs;
import org.tributary.log.Record;
import org.tributary.redrive.DeadLetterRedrive;
import org.tributary.redrive.RedriveResult;
import org.tributary.topic.TopicCatalog;

/**
 * Redriving a dead-letter record: sent at most once, even by redrives that race, and remembered
 * only together with a send that happened (the row and the send share one transaction).
 */
@ExtendWith(ArquillianExtension.class)
class DeadLetterRedriveInServerIT {

  @Inject DeadLetterRedrive redrive;
  @Inject PartitionLogs logs;
  @Inject TopicCatalog topics;
  @Resource ManagedExecutorService executor;

  private String newTopic(String prefix, Map<String, String> configs) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    topics.create(name, 1, configs);
    return name;
  }

  /** A dead-letter record naming {@code topic}, appended to {@code dlt}; answers its offset. */
  private long deadLetter(String dlt, String topic, String value) {
    NewRecord record =
        new NewRecord(
            0,
            "k".getBytes(StandardCharsets.UTF_8),
            value.getBytes(StandardCharsets.UTF_8),
            List.of(new Header("tributary.dlt.topic", topic.getBytes(StandardCharsets.UTF_8))),
            null);
    return logs.appender()
        .append(dlt, List.of(record))
        .toCompletableFuture()
        .join()
        .get(0)
        .offset();
  }

  private List<Record> records(String topic) {
    return logs.read(topic, 0, 0, 1 << 20).records();
  }

  @Test
  void redrivesThatRaceSendTheRecordOnce() throws Exception {
    String topic = newTopic("redrive-race", Map.of());
    String dlt = topic + ".DLT";
    topics.create(dlt, 1, Map.of());
    long offset = deadLetter(dlt, topic, "once");

    CountDownLatch start = new CountDownLatch(1);
    List<Future<RedriveResult>> racing = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      racing.add(
          executor.submit(
              () -> {
                start.await();
                return redrive.redrive(dlt, 0, offset, "racer");
              }));
    }
    start.countDown();
    int sent = 0;
    for (Future<RedriveResult> result : racing) {
      RedriveResult done = result.get(90, TimeUnit.SECONDS);
      if (done.sent()) {
        sent++;
      } else {
        assertTrue(done.reason().contains("already redriven"), done.reason());
      }
    }
    assertEquals(1, sent);
    assertEquals(List.of("once"), values(records(topic)));
    assertFalse(redrive.redrive(dlt, 0, offset, "later").sent(), "and never again");
  }

  @Test
  void aSendTheTargetRefusesIsNotRememberedSoALaterRedriveSends() {
    String topic = newTopic("redrive-refused", Map.of("max.message.bytes", "100"));
    String dlt = topic + ".DLT";
    topics.create(dlt, 1, Map.of());
    long offset = deadLetter(dlt, topic, "x".repeat(1_000));

    RedriveResult refused = redrive.redrive(dlt, 0, offset, "tester");
    assertFalse(refused.sent());
    assertTrue(refused.reason().startsWith("not sent: "), refused.reason());
    assertTrue(records(topic).isEmpty());

    topics.alterConfig(topic, Map.of("max.message.bytes", "100000"), Set.of());
    RedriveResult sent = redrive.redrive(dlt, 0, offset, "tester");
    assertTrue(sent.sent(), sent::toString);
    assertEquals(topic, sent.targetTopic());
    assertEquals(1, records(topic).size());
    assertTrue(records(topic).get(0).headers().isEmpty(), "without the dead-letter headers");
  }

  private static List<String> values(List<Record> records) {
    return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
  }
}
