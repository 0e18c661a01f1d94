package org.tributary.benchmark;

import java.time.Duration;

/**
 * The README's performance command: produce throughput, consume throughput, then end-to-end
 * latency, one after another against one running Tributary (loopback by default).
 *
 * <p>Usage: {@code BenchmarkMain [url] [seconds per produce run] [records to consume]}.
 */
public final class BenchmarkMain {

  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
    Duration produceRunTime = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 5);
    long recordsToConsume = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000;
    TributaryClient client = new TributaryClient(url);

    new ProduceBenchmark(url, produceRunTime).run();
    System.out.println();
    new ConsumeBenchmark(client, recordsToConsume).run();
    System.out.println();
    new LatencyBenchmark(client).run();
  }
}
