package org.tributary.system.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.tributary.system.Fixtures.createTopic;
import static org.tributary.system.Fixtures.produce;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.tributary.system.TributaryHttp;

/**
 * One bounded measurement, run on demand ({@code -Dfetch.throughput=true}): a stock consumer reads
 * a backlog of 100,000 records of 100 bytes from one partition; it prints records per second.
 */
class FetchThroughputKafkaIT {

  private static final int RECORDS = 100_000;
  private static final int PER_REQUEST = 2_000;

  @Test
  void aConsumerReadsABacklog() {
    assumeTrue(Boolean.getBoolean("fetch.throughput"), "set -Dfetch.throughput=true to measure");
    TributaryHttp http = TributaryHttp.fromSystemProperty();
    String topic = KafkaClients.uniqueTopic("fetch-throughput");
    createTopic(http, topic, 1);
    String[] values = new String[PER_REQUEST];
    Arrays.fill(values, "x".repeat(100));
    for (int sent = 0; sent < RECORDS; sent += PER_REQUEST) {
      produce(http, topic, 0, values);
    }
    TopicPartition partition = new TopicPartition(topic, 0);
    try (KafkaConsumer<byte[], byte[]> consumer =
        KafkaClients.consumer(KafkaClients.ADMIN, null, Map.of())) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, 0);
      consumer.poll(Duration.ZERO); // connects and signs in before the clock starts
      long start = System.nanoTime();
      long deadline = start + Duration.ofSeconds(120).toNanos();
      int read = 0;
      while (read < RECORDS && System.nanoTime() < deadline) {
        read += consumer.poll(Duration.ofMillis(500)).count();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "FETCH THROUGHPUT: %d records of 100 bytes in %.2f s: %.0f records/s%n",
          read, seconds, read / seconds);
      assertEquals(RECORDS, read);
    }
  }
}
