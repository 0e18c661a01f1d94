package org.tributary.benchmark;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Produce latency on a compacted topic without and then with compaction running, against a running
 * Tributary (loopback by default). The topic is filled with updates of {@value #KEYS} keys; during
 * the first phase {@code min.compaction.lag.ms} of a day leaves nothing cleanable, for the second
 * it drops to 0 with {@code min.cleanable.dirty.ratio=0.01}, so the cleaner rewrites the log at
 * every turn (start the server with {@code -Dtributary.log.cleaner.backoff.ms=1000} for a turn a
 * second).
 *
 * <p>Usage: {@code CompactionBenchmark [url] [seconds per phase] [records written before]}.
 */
public final class CompactionBenchmark {

  private static final int KEYS = 1000;
  private static final int CLIENTS = 4;
  private static final int FILL_BATCH = 100;

  private final TributaryClient client;
  private final ProduceBenchmark producer;
  private final Duration phase;
  private final int fillRecords;

  private CompactionBenchmark(String url, Duration phase, int fillRecords) {
    this.client = new TributaryClient(url);
    this.producer = new ProduceBenchmark(url, phase, System.out);
    this.phase = phase;
    this.fillRecords = fillRecords;
  }

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
    Duration phase = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 20);
    int fill = args.length > 2 ? Integer.parseInt(args[2]) : 300_000;
    new CompactionBenchmark(url, phase, fill).run();
  }

  private void run() throws Exception {
    String cluster = client.clusterId();
    String topic = "compaction-bench-" + UUID.randomUUID().toString().substring(0, 8);
    client.createTopic(
        cluster,
        topic,
        1,
        Map.of(
            "cleanup.policy", "compact",
            "min.compaction.lag.ms", "86400000",
            "min.cleanable.dirty.ratio", "0.01"));
    fill(topic);
    System.out.printf(
        "Compaction benchmark against %s: one partition, %d keys, %d records written first,"
            + " %d clients producing one %d-byte record per request, %d s per phase%n",
        client.url(), KEYS, fillRecords, CLIENTS, ProduceBodies.RECORD_BYTES, phase.toSeconds());
    System.out.printf(
        "%-22s %10s %12s %10s %10s%n", "phase", "requests", "records/s", "p50 ms", "p99 ms");

    producer.measure(topic, CompactionBenchmark::update, CLIENTS, Duration.ofSeconds(5));
    report("no compaction", topic);
    double compactedBefore = compactedRecords();
    long compactionAllowed = System.nanoTime();
    client.alterConfigs(cluster, topic, Map.of("min.compaction.lag.ms", "0"));
    report("compaction running", topic);
    // The removal counters move when a topic's run ends: a first run still going at the end of the
    // phase overlapped all of it.
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (compactedRecords() == compactedBefore && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    System.out.printf(
        "The first compaction removed %.0f records and ended %.1f s after it was allowed to start.%n",
        compactedRecords() - compactedBefore, (System.nanoTime() - compactionAllowed) / 1e9);
  }

  private void report(String name, String topic) throws Exception {
    ProduceBenchmark.Result result =
        producer.measure(topic, CompactionBenchmark::update, CLIENTS, phase);
    System.out.printf(
        "%-22s %10d %12.0f %10.2f %10.2f%n",
        name,
        result.latenciesNanos().length,
        result.recordsPerSecond(1),
        result.percentileMillis(50),
        result.percentileMillis(99));
  }

  /** Writes the backlog: every key many times, in batches of 100. */
  private void fill(String topic) throws Exception {
    String[] keys = new String[FILL_BATCH];
    for (int written = 0; written < fillRecords; written += FILL_BATCH) {
      for (int i = 0; i < FILL_BATCH; i++) {
        keys[i] = "key-" + ((written + i) % KEYS);
      }
      client.produce(topic, ProduceBodies.keyed(keys));
    }
  }

  private static String update() {
    return ProduceBodies.keyed("key-" + ThreadLocalRandom.current().nextInt(KEYS));
  }

  /** tributary_log_removed_records_total{reason="compaction"} of the whole server. */
  private double compactedRecords() {
    return client
        .metrics()
        .lines()
        .filter(line -> line.startsWith("tributary_log_removed_records_total"))
        .filter(line -> line.contains("\"compaction\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
