package org.tributary.benchmark;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The README's performance command: produce throughput, consume throughput, then end-to-end
 * latency, one after another against one running Tributary (loopback by default).
 *
 * <p>The same three parts run first as a warm-up whose figures are not printed: a server's first
 * minutes are spent compiling its hot paths (Payara's, Jersey's, EclipseLink's and Derby's as much
 * as Tributary's), and figures taken then say how fast the JIT compiler works on two cores, not how
 * fast the server serves.
 *
 * <p>Usage: {@code BenchmarkMain [url] [seconds per produce run] [records to consume] [warm-up
 * passes]}.
 */
public final class BenchmarkMain {

  private static final Duration WARM_UP_PRODUCE_RUN = Duration.ofSeconds(2);
  private static final long WARM_UP_RECORDS_TO_CONSUME = 200_000;

  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
    Duration produceRunTime = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 5);
    long recordsToConsume = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000;
    int warmUpPasses = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    TributaryClient client = new TributaryClient(url);

    PrintStream discarded = new PrintStream(OutputStream.nullOutputStream());
    for (int pass = 1; pass <= warmUpPasses; pass++) {
      long start = System.nanoTime();
      runAll(client, WARM_UP_PRODUCE_RUN, WARM_UP_RECORDS_TO_CONSUME, discarded);
      System.out.printf(
          "Warm-up pass %d of %d (not measured): %.0f s%n",
          pass, warmUpPasses, (System.nanoTime() - start) / 1e9);
    }
    if (warmUpPasses > 0) {
      System.out.println();
    }
    runAll(client, produceRunTime, recordsToConsume, System.out);
  }

  private static void runAll(
      TributaryClient client, Duration produceRunTime, long recordsToConsume, PrintStream out)
      throws Exception {
    new ProduceBenchmark(client.url(), produceRunTime, out).run();
    out.println();
    new ConsumeBenchmark(client, recordsToConsume, out).run();
    out.println();
    new LatencyBenchmark(client, out).run();
  }
}
