package org.tributary.benchmark;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills a 16-partition topic with 100-byte records, then drains it with 1, 4 and 16 REST Proxy v2
 * consumer instances in one group (a fresh group per run, from the earliest offset) and prints
 * records/s and MB/s per run. A run ends when the group has received every record, or after {@link
 * #MAX_RUN_TIME} with what it got.
 */
final class ConsumeBenchmark {

  private static final int PARTITIONS = 16;
  private static final int RECORDS_PER_PRODUCE = 500;
  private static final int PRODUCERS = 4;
  private static final int[] CONSUMERS = {1, 4, 16};
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(1000);
  private static final int MAX_BYTES_PER_POLL = 1 << 20;
  private static final Duration MAX_RUN_TIME = Duration.ofSeconds(120);

  private final TributaryClient client;
  private final long records;

  private final PrintStream out;

  ConsumeBenchmark(TributaryClient client, long records, PrintStream out) {
    this.out = out;
    if (records <= 0) {
      throw new IllegalArgumentException("records to consume must be positive: " + records);
    }
    this.client = client;
    this.records = records;
  }

  void run() throws Exception {
    out.printf(
        "Consume benchmark against %s, %d %d-byte records in %d partitions, at most %d s per run%n",
        client.url(), records, ProduceBodies.RECORD_BYTES, PARTITIONS, MAX_RUN_TIME.toSeconds());
    String topic = "bench-consume-" + shortId();
    client.createTopic(client.clusterId(), topic, PARTITIONS);
    long produceNanos = produce(topic);
    out.printf(
        "Produced in %.1f s by %d clients, %d records per request (%.0f records/s)%n",
        produceNanos / 1e9, PRODUCERS, RECORDS_PER_PRODUCE, records / (produceNanos / 1e9));
    out.printf(
        "%-10s %10s %10s %12s %10s %12s%n",
        "consumers", "records", "seconds", "records/s", "MB/s", "repeated");
    for (int consumers : CONSUMERS) {
      Drained drained = drain(topic, consumers);
      double seconds = drained.elapsedNanos / 1e9;
      out.printf(
          "%-10d %10d %10.1f %12.0f %10.2f %12d%s%n",
          consumers,
          drained.records,
          seconds,
          drained.records / seconds,
          drained.records * ProduceBodies.RECORD_BYTES / 1e6 / seconds,
          drained.repeated,
          drained.records < records ? "  partial: stopped at the time limit" : "");
    }
    out.println(
        "MB/s counts the record values; repeated = records received again after a rebalance.");
  }

  /** The time it took to produce {@link #records} records to the topic. */
  private long produce(String topic) throws Exception {
    long requests = (records + RECORDS_PER_PRODUCE - 1) / RECORDS_PER_PRODUCE;
    String fullBody = ProduceBodies.records(RECORDS_PER_PRODUCE);
    AtomicLong nextRequest = new AtomicLong();
    List<Callable<Void>> producers = new ArrayList<>();
    for (int p = 0; p < PRODUCERS; p++) {
      producers.add(
          () -> {
            for (long request = nextRequest.getAndIncrement();
                request < requests;
                request = nextRequest.getAndIncrement()) {
              int count =
                  (int) Math.min(RECORDS_PER_PRODUCE, records - request * RECORDS_PER_PRODUCE);
              String body = count == RECORDS_PER_PRODUCE ? fullBody : ProduceBodies.records(count);
              int appended = client.produce(topic, body).size();
              if (appended != count) {
                throw new IllegalStateException(
                    "Produced " + count + " records but got " + appended + " offsets back");
              }
            }
            return null;
          });
    }
    long start = System.nanoTime();
    Parallel.run(producers);
    return System.nanoTime() - start;
  }

  private record Drained(long records, long repeated, long elapsedNanos) {}

  private Drained drain(String topic, int consumers) throws Exception {
    String group = "bench-consume-" + shortId() + "-" + consumers;
    try (ConsumerInstances instances = new ConsumerInstances(client, group)) {
      List<URI> members = new ArrayList<>();
      for (int c = 0; c < consumers; c++) {
        members.add(instances.subscribed("consumer-" + c, "earliest", topic));
      }
      ConsumedRecords consumed = new ConsumedRecords(records, PARTITIONS);
      long start = System.nanoTime();
      long deadline = start + MAX_RUN_TIME.toNanos();
      List<Callable<Void>> pollers = new ArrayList<>();
      for (URI member : members) {
        pollers.add(
            () -> {
              pollUntilDrained(member, consumed, deadline);
              return null;
            });
      }
      Parallel.run(pollers);
      long end = consumed.complete() ? consumed.completedAtNanos() : System.nanoTime();
      return new Drained(consumed.distinct(), consumed.repeated(), end - start);
    }
  }

  private void pollUntilDrained(URI member, ConsumedRecords consumed, long deadline) {
    while (!consumed.complete()
        && System.nanoTime() < deadline
        && !Thread.currentThread().isInterrupted()) {
      List<Object> polled = client.records(member, POLL_TIMEOUT, MAX_BYTES_PER_POLL);
      consumed.add(polled, System.nanoTime());
    }
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
