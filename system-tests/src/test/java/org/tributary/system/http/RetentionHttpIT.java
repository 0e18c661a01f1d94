package org.tributary.system.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.system.TributaryHttp.APPLICATION_JSON;
import static org.tributary.system.TributaryHttp.JSON;
import static org.tributary.system.TributaryHttp.uniqueTopic;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tributary.system.Fixtures;
import org.tributary.system.TributaryHttp;
import org.tributary.system.TributaryHttp.Answer;
import org.tributary.system.V2Consumer;

/**
 * Retention and compaction as the server schedules them (the test servers check every second:
 * tributary.log.retention.check.interval.ms and tributary.log.cleaner.backoff.ms are 1000).
 */
class RetentionHttpIT {

  private final TributaryHttp http = TributaryHttp.fromSystemProperty();

  private void createTopic(String topic, String configName, String configValue) {
    Answer created =
        http.post(
            Fixtures.v3(http, "/topics"),
            APPLICATION_JSON,
            "{\"topic_name\":\""
                + topic
                + "\",\"partitions_count\":1,\"configs\":[{\"name\":\""
                + configName
                + "\",\"value\":\""
                + configValue
                + "\"}]}");
    assertEquals(201, created.status(), created::toString);
  }

  private void produce(String topic, String records) {
    Answer produced = http.post("/topics/" + topic, JSON, "{\"records\":[" + records + "]}");
    assertEquals(200, produced.status(), produced::toString);
  }

  private long earliestOffset(String topic) {
    Answer partition = http.get(Fixtures.v3(http, "/topics/" + topic + "/partitions/0"));
    assertEquals(200, partition.status(), partition::toString);
    return partition.object().getJsonNumber("earliest_offset").longValue();
  }

  @Test
  void theScheduledRetentionRemovesExpiredBatchesButTheLastAndMovesTheLogStart()
      throws InterruptedException {
    String topic = uniqueTopic("retention");
    createTopic(topic, "retention.ms", "500");
    for (int i = 0; i < 3; i++) {
      produce(topic, "{\"value\":" + i + "}");
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (earliestOffset(topic) < 2 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertEquals(2, earliestOffset(topic), "the batch holding the last record stays");
    try (V2Consumer consumer = V2Consumer.earliest(http, uniqueTopic("retention-group"), "c")) {
      consumer.assign(topic, 0);
      assertEquals(2, consumer.pollUntil(1).get(0).getJsonNumber("offset").longValue());
    }
  }

  @Test
  void aCompactedTopicRefusesRecordsWithoutAKey() {
    String topic = uniqueTopic("compacted");
    createTopic(topic, "cleanup.policy", "compact");
    Answer refused =
        http.post(
            "/topics/" + topic,
            JSON,
            "{\"records\":[{\"key\":\"k\",\"value\":1},{\"value\":\"no key\"}]}");
    assertEquals(422, refused.status(), refused::toString);
    assertEquals(42213, refused.errorCode());
    assertTrue(refused.object().getString("message").contains("compacted"), refused::toString);
    assertEquals(0, earliestOffset(topic));
    Answer partition = http.get(Fixtures.v3(http, "/topics/" + topic + "/partitions/0"));
    assertEquals(0, partition.object().getJsonNumber("latest_offset").longValue());
  }
}
