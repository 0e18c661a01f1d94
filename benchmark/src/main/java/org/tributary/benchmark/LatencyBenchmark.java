package org.tributary.benchmark;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end latency: one producer sends single 100-byte records at a fixed rate to a fresh
 * one-partition topic while one REST Proxy v2 consumer long-polls it; each record's latency is from
 * the start of its produce request to the answer of the records request that brought it. Prints
 * p50, p99 and max.
 */
final class LatencyBenchmark {

  private static final int SENDS = 200;
  private static final Duration SEND_INTERVAL = Duration.ofMillis(10);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(1000);
  private static final int MAX_BYTES_PER_POLL = 1 << 20;
  private static final Duration WAIT_AFTER_LAST_SEND = Duration.ofSeconds(10);

  private final TributaryClient client;
  private final String singleRecord = ProduceBodies.records(1);
  // Keyed by offset: the consumer may see a record before its produce answer names the offset.
  private final Map<Long, Long> sentAtByOffset = new ConcurrentHashMap<>();
  private final Map<Long, Long> receivedAtByOffset = new ConcurrentHashMap<>();
  private volatile boolean sending;

  private final PrintStream out;

  LatencyBenchmark(TributaryClient client, PrintStream out) {
    this.out = out;
    this.client = client;
  }

  void run() throws Exception {
    out.printf(
        "End-to-end latency against %s: %d single-record produce requests, one every %d ms,"
            + " one long-polling consumer%n",
        client.url(), SENDS, SEND_INTERVAL.toMillis());
    String topic = "bench-latency-" + UUID.randomUUID().toString().substring(0, 8);
    client.createTopic(client.clusterId(), topic, 1);
    try (ConsumerInstances instances = new ConsumerInstances(client, topic)) {
      URI consumer = instances.subscribed("consumer", "latest", topic);
      // The first poll joins the group and puts the position at the end, before anything is sent.
      client.records(consumer, POLL_TIMEOUT, MAX_BYTES_PER_POLL);
      sending = true;
      Parallel.<Void>run(
          List.of(
              () -> {
                send(topic);
                return null;
              },
              () -> {
                receive(consumer);
                return null;
              }));
    }
    long[] latencies =
        sentAtByOffset.entrySet().stream()
            .filter(sent -> receivedAtByOffset.containsKey(sent.getKey()))
            .mapToLong(sent -> receivedAtByOffset.get(sent.getKey()) - sent.getValue())
            .sorted()
            .toArray();
    out.printf("%-8s %10s %10s %10s %10s%n", "sent", "received", "p50 ms", "p99 ms", "max ms");
    out.printf(
        "%-8d %10d %10.2f %10.2f %10.2f%s%n",
        sentAtByOffset.size(),
        latencies.length,
        Percentiles.of(latencies, 50) / 1e6,
        Percentiles.of(latencies, 99) / 1e6,
        Percentiles.of(latencies, 100) / 1e6,
        latencies.length < sentAtByOffset.size() ? "  partial: some records never arrived" : "");
  }

  private void send(String topic) throws InterruptedException {
    try {
      long start = System.nanoTime();
      for (int i = 0; i < SENDS; i++) {
        TimeUnit.NANOSECONDS.sleep(start + i * SEND_INTERVAL.toNanos() - System.nanoTime());
        long sentAt = System.nanoTime();
        List<Long> offsets = client.produce(topic, singleRecord);
        if (offsets.size() != 1) {
          throw new IllegalStateException("One record produced, offsets back: " + offsets);
        }
        sentAtByOffset.put(offsets.get(0), sentAt);
      }
    } finally {
      sending = false;
    }
  }

  private void receive(URI consumer) throws InterruptedException {
    long sendingOverSeenAt = 0;
    while (!Thread.currentThread().isInterrupted()) {
      if (!sending) {
        if (sendingOverSeenAt == 0) {
          sendingOverSeenAt = System.nanoTime();
        }
        if (receivedAtByOffset.keySet().containsAll(sentAtByOffset.keySet())
            || System.nanoTime() - sendingOverSeenAt > WAIT_AFTER_LAST_SEND.toNanos()) {
          return;
        }
      }
      List<Object> records = client.records(consumer, POLL_TIMEOUT, MAX_BYTES_PER_POLL);
      long receivedAt = System.nanoTime();
      for (Object record : records) {
        receivedAtByOffset.putIfAbsent(
            Json.integer(Json.object(record, "record"), "offset"), receivedAt);
      }
    }
    throw new InterruptedException("stopped while waiting for records");
  }
}
