package org.tributary.benchmark;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Drives concurrent REST Proxy v2 produce requests of 100-byte records into a running Tributary and
 * prints records/s and request latency for 1, 4 and 16 clients, with 1 and 100 records per request.
 * Each run is bounded in time and talks to one URL (loopback by default).
 *
 * <p>Usage: {@code ProduceBenchmark [url] [seconds per run]}.
 */
public final class ProduceBenchmark {

  private static final int RECORD_BYTES = ProduceBodies.RECORD_BYTES;
  private static final int[] CLIENTS = {1, 4, 16};
  private static final int[] RECORDS_PER_REQUEST = {1, 100};
  private static final int MAX_REQUESTS_PER_CLIENT = 1_000_000;

  private final String url;
  private final Duration runTime;
  private final String authorization = Credentials.fromSystemProperties().authorization();
  private final HttpClient client = TributaryClient.newHttpClient();

  private final PrintStream out;

  ProduceBenchmark(String url, Duration runTime, PrintStream out) {
    this.out = out;
    this.url = url;
    this.runTime = runTime;
  }

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
    Duration runTime = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 5);
    new ProduceBenchmark(url, runTime, System.out).run();
  }

  void run() throws Exception {
    out.printf(
        "Produce benchmark against %s, %d-byte records, %d s per run%n",
        url, RECORD_BYTES, runTime.toSeconds());
    out.printf(
        "%-8s %-12s %10s %12s %10s %10s%n",
        "clients", "records/req", "requests", "records/s", "p50 ms", "p99 ms");
    for (int recordsPerRequest : RECORDS_PER_REQUEST) {
      String body = ProduceBodies.records(recordsPerRequest);
      for (int clients : CLIENTS) {
        String topic = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        measure(topic, () -> body, clients, Duration.ofSeconds(1));
        Result result = measure(topic, () -> body, clients, runTime);
        out.printf(
            "%-8d %-12d %10d %12.0f %10.2f %10.2f%n",
            clients,
            recordsPerRequest,
            result.latenciesNanos.length,
            result.recordsPerSecond(recordsPerRequest),
            result.percentileMillis(50),
            result.percentileMillis(99));
      }
    }
  }

  /** Request latencies (sorted) of one run. */
  record Result(long elapsedNanos, long[] latenciesNanos) {
    double recordsPerSecond(int recordsPerRequest) {
      return latenciesNanos.length * (double) recordsPerRequest / (elapsedNanos / 1e9);
    }

    double percentileMillis(int percentile) {
      return Percentiles.of(latenciesNanos, percentile) / 1e6;
    }
  }

  /**
   * {@code clients} threads produce request bodies to the topic, one after another, for a while.
   */
  Result measure(String topic, Supplier<String> bodies, int clients, Duration duration)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    List<Future<List<Long>>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      futures.add(pool.submit(() -> produceUntil(topic, bodies, end)));
    }
    List<Long> all = new ArrayList<>();
    long elapsed;
    try {
      for (Future<List<Long>> future : futures) {
        all.addAll(future.get());
      }
      elapsed = System.nanoTime() - start;
    } finally {
      // Also after a failed request, so no idle pool thread keeps exec:java waiting.
      pool.shutdownNow();
    }
    long[] latencies = all.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Result(elapsed, latencies);
  }

  private List<Long> produceUntil(String topic, Supplier<String> bodies, long end)
      throws Exception {
    List<Long> latencies = new ArrayList<>();
    while (System.nanoTime() < end && latencies.size() < MAX_REQUESTS_PER_CLIENT) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url + "/topics/" + topic))
              .header("Content-Type", "application/vnd.kafka.binary.v2+json")
              .header("Authorization", authorization)
              .timeout(Duration.ofSeconds(30))
              .POST(HttpRequest.BodyPublishers.ofString(bodies.get()))
              .build();
      long sent = System.nanoTime();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "Produce failed: " + response.statusCode() + " " + response.body());
      }
      latencies.add(System.nanoTime() - sent);
    }
    return latencies;
  }
}
