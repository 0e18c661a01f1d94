package org.tributary.benchmark.facade;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.tributary.api.TributaryContext;
import org.tributary.api.TributaryProducer;

/**
 * Bounded, self-stopping measurements of the facade inside the server: synchronous sends by
 * concurrent senders outside transactions, and a listener draining a topic.
 */
@Path("/run")
@Produces(MediaType.APPLICATION_JSON)
public class BenchmarkResource {

  private static final int VALUE_BYTES = 100;
  private static final int MAX_SENDERS = 64;
  private static final int MAX_SECONDS = 60;
  private static final int MAX_DRAIN_RECORDS = 5_000_000;
  private static final int IN_FLIGHT = 5_000;

  @Resource(lookup = TributaryContext.JNDI_NAME)
  TributaryContext tributary;

  @Resource ManagedExecutorService executor;
  @Inject DrainCounter counter;

  public record SendResult(
      int senders,
      long records,
      double seconds,
      double recordsPerSecond,
      double p50Ms,
      double p99Ms) {}

  public record DrainResult(
      long records,
      double produceSeconds,
      double producedPerSecond,
      double drainSeconds,
      double drainedPerSecond) {}

  @POST
  @Path("/send")
  public SendResult send(@QueryParam("senders") int senders, @QueryParam("seconds") int seconds)
      throws Exception {
    int clients = Math.max(1, Math.min(MAX_SENDERS, senders));
    Duration runTime = Duration.ofSeconds(Math.max(1, Math.min(MAX_SECONDS, seconds)));
    String topic = "facade-bench-send-" + UUID.randomUUID().toString().substring(0, 8);
    byte[] value = value();
    TributaryProducer producer = tributary.createProducer();
    producer.send(topic, null, value);
    long start = System.nanoTime();
    long end = start + runTime.toNanos();
    List<Future<List<Long>>> running = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      running.add(
          executor.submit(
              () -> {
                List<Long> latencies = new ArrayList<>();
                while (System.nanoTime() < end) {
                  long sent = System.nanoTime();
                  producer.send(topic, null, value);
                  latencies.add(System.nanoTime() - sent);
                }
                return latencies;
              }));
    }
    List<Long> all = new ArrayList<>();
    for (Future<List<Long>> sender : running) {
      all.addAll(sender.get());
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
    return new SendResult(
        clients,
        sorted.length,
        elapsed,
        sorted.length / elapsed,
        percentile(sorted, 50) / 1e6,
        percentile(sorted, 99) / 1e6);
  }

  /**
   * Sends {@code records} values to the listener's topic, as fast as the broker takes them, then
   * waits (at most 5 minutes) until the listener has had them all.
   */
  @POST
  @Path("/drain")
  public DrainResult drain(@QueryParam("records") int records) throws Exception {
    int count = Math.max(1, Math.min(MAX_DRAIN_RECORDS, records));
    byte[] value = value();
    TributaryProducer producer = tributary.createProducer();
    long before = counter.received();
    long start = System.nanoTime();
    Semaphore window = new Semaphore(IN_FLIGHT);
    List<CompletableFuture<?>> last = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      window.acquire();
      CompletableFuture<?> sent =
          producer
              .sendAsync(DrainCounter.TOPIC, null, value)
              .toCompletableFuture()
              .whenComplete((metadata, error) -> window.release());
      if (i >= count - IN_FLIGHT) {
        last.add(sent);
      }
    }
    CompletableFuture.allOf(last.toArray(CompletableFuture[]::new)).join();
    window.acquire(IN_FLIGHT);
    long produced = System.nanoTime();
    long deadline = produced + Duration.ofMinutes(5).toNanos();
    while (counter.received() - before < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    long drained = System.nanoTime();
    double produceSeconds = (produced - start) / 1e9;
    double drainSeconds = (drained - start) / 1e9;
    long got = counter.received() - before;
    return new DrainResult(
        got, produceSeconds, count / produceSeconds, drainSeconds, got / drainSeconds);
  }

  private static byte[] value() {
    byte[] value = new byte[VALUE_BYTES];
    new Random(1).nextBytes(value);
    return value;
  }

  private static double percentile(long[] sorted, int percentile) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
  }
}
