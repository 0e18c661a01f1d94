package org.tributary.benchmark;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka-protocol cases, with stock kafka-clients against one {@link KafkaTarget}, each on a
 * fresh one-partition topic, every loop bounded in records and in time:
 *
 * <ul>
 *   <li>produce: one producer ({@code acks=all}, {@code linger.ms=5}, otherwise the client's
 *       defaults, idempotence included) sends 100-byte, then 1 KB records as fast as it is let, for
 *       the run time; records/s and MB/s of values, the final {@code flush()} included;
 *   <li>{@code send().get()}: one 100-byte record at a time, {@code acks=all}, {@code linger.ms=0}
 *       (with 5 ms every send would wait out the linger); p50/p99;
 *   <li>consume: a backlog of 100-byte records drained by one consumer with {@code assign()} and
 *       {@code seek(0)}, no group; records/s from the first poll to the last record;
 *   <li>end to end: one record every 10 ms ({@code linger.ms=0}) to a topic a consumer of a group
 *       ({@code subscribe()}) polls; the time from before {@code send()} to the poll that returned
 *       it, both on this JVM's clock; p50/p99.
 * </ul>
 */
final class KafkaCases {

  private static final int SMALL = 100;
  private static final int LARGE = 1024;
  private static final long MAX_PRODUCED = 50_000_000;
  // Without a bound the client buffers 32 MB (300,000 small records) and the final flush drains
  // them for long after the run time; a slow server would see them expire (delivery.timeout.ms).
  private static final int MAX_UNACKNOWLEDGED = 50_000;
  private static final int MAX_SEND_GETS = 20_000;
  private static final Duration FILL_TIME = Duration.ofSeconds(120);
  private static final Duration CONSUME_TIME = Duration.ofSeconds(120);
  private static final Duration STALL = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final int END_TO_END_SENDS = 500;
  private static final Duration SEND_INTERVAL = Duration.ofMillis(10);
  private static final Duration ASSIGNMENT_TIME = Duration.ofSeconds(60);
  private static final Duration WAIT_AFTER_LAST_SEND = Duration.ofSeconds(10);

  private final KafkaTarget target;
  private final Duration runTime;
  private final long backlog;
  private final int endToEndSends;
  private final PrintStream out;
  private double firstSendMillis;

  KafkaCases(
      KafkaTarget target, Duration runTime, long backlog, int endToEndSends, PrintStream out) {
    this.target = target;
    this.runTime = runTime;
    this.backlog = backlog;
    this.endToEndSends = Math.min(endToEndSends, END_TO_END_SENDS);
    this.out = out;
  }

  /** Every case; one that fails leaves its figures out and says why, the others still run. */
  KafkaResults run() {
    KafkaResults results = new KafkaResults();
    runCase(results, "produce 100 B", () -> produce(SMALL, KafkaFigure.PRODUCE_100_RECORDS));
    runCase(results, "produce 1 KB", () -> produce(LARGE, KafkaFigure.PRODUCE_1K_RECORDS));
    runCase(results, "send().get()", this::sendGet);
    runCase(results, "consume", this::consume);
    runCase(results, "end to end", this::endToEnd);
    return results;
  }

  @FunctionalInterface
  private interface Case {
    Map<KafkaFigure, Double> measure() throws Exception;
  }

  private void runCase(KafkaResults results, String name, Case measured) {
    long start = System.nanoTime();
    try {
      Map<KafkaFigure, Double> figures = measured.measure();
      results.putAll(figures);
      // The time of day lines a case up with a profile (JFR) of the server.
      out.printf(
          "  %tT %-10s %-14s %5.1f s  %s  (first send %.0f ms)%n",
          LocalTime.now(), target.name(), name, seconds(start), describe(figures), firstSendMillis);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      String reason =
          e instanceof IllegalStateException && e.getCause() != null
              ? e.getMessage()
              : rootMessage(e);
      results.fail(name, reason);
      out.printf("  %tT %-10s %-14s FAILED: %s%n", LocalTime.now(), target.name(), name, reason);
    }
  }

  private Map<KafkaFigure, Double> produce(int recordBytes, KafkaFigure recordsPerSecond)
      throws Exception {
    String topic = target.newTopic("produce-" + recordBytes, 1);
    Produced produced = produceFast(topic, recordBytes, MAX_PRODUCED, runTime);
    Map<KafkaFigure, Double> figures = new EnumMap<>(KafkaFigure.class);
    double seconds = produced.elapsedNanos / 1e9;
    figures.put(recordsPerSecond, produced.records / seconds);
    figures.put(
        KafkaFigure.values()[recordsPerSecond.ordinal() + 1],
        produced.records * (double) recordBytes / seconds / 1e6);
    return figures;
  }

  private record Produced(long records, long elapsedNanos) {}

  /** Sends records until the count or the time is reached, then flushes; all must be acked. */
  private Produced produceFast(String topic, int recordBytes, long maxRecords, Duration time)
      throws Exception {
    byte[] value = randomBytes(recordBytes);
    AtomicLong acknowledged = new AtomicLong();
    AtomicReference<Exception> failure = new AtomicReference<>();
    Semaphore unacknowledged = new Semaphore(MAX_UNACKNOWLEDGED);
    try (KafkaProducer<byte[], byte[]> producer = producer("5")) {
      firstSend(producer, topic, value);
      long start = System.nanoTime();
      long end = start + time.toNanos();
      long sent = 0;
      while (sent < maxRecords && System.nanoTime() < end && failure.get() == null) {
        if (!unacknowledged.tryAcquire(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("no acknowledgement for 30 s");
        }
        producer.send(
            new ProducerRecord<>(topic, value),
            (metadata, e) -> {
              unacknowledged.release();
              if (e != null) {
                failure.compareAndSet(null, e);
              } else {
                acknowledged.incrementAndGet();
              }
            });
        sent++;
      }
      producer.flush();
      long elapsed = System.nanoTime() - start;
      if (failure.get() != null) {
        throw failure.get();
      }
      return new Produced(acknowledged.get(), elapsed);
    }
  }

  private Map<KafkaFigure, Double> sendGet() throws Exception {
    String topic = target.newTopic("send-get", 1);
    byte[] value = randomBytes(SMALL);
    List<Long> latencies = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = producer("0")) {
      firstSend(producer, topic, value);
      long end = System.nanoTime() + runTime.toNanos();
      while (latencies.size() < MAX_SEND_GETS && System.nanoTime() < end) {
        long start = System.nanoTime();
        producer.send(new ProducerRecord<>(topic, value)).get(30, TimeUnit.SECONDS);
        latencies.add(System.nanoTime() - start);
      }
    }
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    return Map.of(
        KafkaFigure.SEND_GET_P50, Percentiles.of(sorted, 50) / 1e6,
        KafkaFigure.SEND_GET_P99, Percentiles.of(sorted, 99) / 1e6);
  }

  private Map<KafkaFigure, Double> consume() throws Exception {
    String topic = target.newTopic("consume", 1);
    Produced filled;
    try {
      filled = produceFast(topic, SMALL, backlog, FILL_TIME);
    } catch (Exception e) {
      throw new IllegalStateException("filling the backlog: " + rootMessage(e), e);
    }
    if (filled.records < backlog) {
      out.printf(
          "  %-10s consume: only %d of %d backlog records produced within %d s%n",
          target.name(), filled.records, backlog, FILL_TIME.toSeconds());
    }
    long expected = filled.records + 1; // and the first, unmeasured one
    TopicPartition partition = new TopicPartition(topic, 0);
    long received = 0;
    long bytes = 0;
    long start;
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(null)) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, 0);
      start = System.nanoTime();
      long end = start + CONSUME_TIME.toNanos();
      long lastProgress = start;
      while (received < expected && System.nanoTime() < end) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        for (ConsumerRecord<byte[], byte[]> record : records) {
          received++;
          bytes += record.value().length;
        }
        if (!records.isEmpty()) {
          lastProgress = System.nanoTime();
        } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
          throw new IllegalStateException(
              "no record for "
                  + STALL.toSeconds()
                  + " s, "
                  + received
                  + " of "
                  + expected
                  + " received");
        }
      }
    }
    double seconds = seconds(start);
    if (received < expected) {
      throw new IllegalStateException(
          "received "
              + received
              + " of "
              + expected
              + " records in "
              + CONSUME_TIME.toSeconds()
              + " s");
    }
    return Map.of(
        KafkaFigure.CONSUME_RECORDS, received / seconds,
        KafkaFigure.CONSUME_MB, bytes / seconds / 1e6);
  }

  private Map<KafkaFigure, Double> endToEnd() throws Exception {
    String topic = target.newTopic("end-to-end", 1);
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicLong sendingOverAt = new AtomicLong();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer("bench-e2e-" + UUID.randomUUID());
        KafkaProducer<byte[], byte[]> producer = producer("0")) {
      consumer.subscribe(List.of(topic));
      long assignmentDeadline = System.nanoTime() + ASSIGNMENT_TIME.toNanos();
      while (consumer.assignment().isEmpty()) {
        if (System.nanoTime() > assignmentDeadline) {
          throw new IllegalStateException(
              "the consumer got no partition within " + ASSIGNMENT_TIME.toSeconds() + " s");
        }
        consumer.poll(POLL);
      }
      firstSend(producer, topic, new byte[SMALL]);
      Parallel.<Void>run(
          List.of(
              () -> {
                sendAtFixedRate(producer, topic, sendingOverAt);
                return null;
              },
              () -> {
                receive(consumer, latencies, sendingOverAt);
                return null;
              }));
    }
    if (latencies.size() < endToEndSends) {
      throw new IllegalStateException(
          latencies.size() + " of " + endToEndSends + " records arrived");
    }
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    return Map.of(
        KafkaFigure.END_TO_END_P50, Percentiles.of(sorted, 50) / 1e6,
        KafkaFigure.END_TO_END_P99, Percentiles.of(sorted, 99) / 1e6);
  }

  private void sendAtFixedRate(
      KafkaProducer<byte[], byte[]> producer, String topic, AtomicLong sendingOverAt)
      throws Exception {
    try {
      long start = System.nanoTime();
      for (int i = 0; i < endToEndSends; i++) {
        TimeUnit.NANOSECONDS.sleep(start + i * SEND_INTERVAL.toNanos() - System.nanoTime());
        byte[] value = new byte[SMALL];
        ByteBuffer.wrap(value).putLong(System.nanoTime());
        producer.send(new ProducerRecord<>(topic, value));
      }
      producer.flush();
    } finally {
      sendingOverAt.set(System.nanoTime());
    }
  }

  private void receive(
      KafkaConsumer<byte[], byte[]> consumer,
      ConcurrentLinkedQueue<Long> latencies,
      AtomicLong sendingOverAt) {
    int received = 0;
    while (received < endToEndSends) {
      long over = sendingOverAt.get();
      if (over != 0 && System.nanoTime() - over > WAIT_AFTER_LAST_SEND.toNanos()) {
        return;
      }
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        long sentAt = ByteBuffer.wrap(record.value()).getLong();
        if (sentAt != 0) { // not the warm-up record
          latencies.add(System.nanoTime() - sentAt);
          received++;
        }
      }
    }
  }

  /**
   * One record sent and acknowledged before the clock runs: the first send also waits for the
   * topic's metadata and the producer id, which is not what the cases measure (its time is shown).
   */
  private void firstSend(KafkaProducer<byte[], byte[]> producer, String topic, byte[] value)
      throws Exception {
    long start = System.nanoTime();
    producer.send(new ProducerRecord<>(topic, value)).get(60, TimeUnit.SECONDS);
    firstSendMillis = (System.nanoTime() - start) / 1e6;
  }

  private KafkaProducer<byte[], byte[]> producer(String lingerMs) {
    Properties config = target.clientConfig("producer");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
    return new KafkaProducer<>(config);
  }

  private KafkaConsumer<byte[], byte[]> consumer(String group) {
    Properties config = target.clientConfig("consumer");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    if (group != null) {
      config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    }
    return new KafkaConsumer<>(config);
  }

  private static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static String describe(Map<KafkaFigure, Double> figures) {
    StringBuilder text = new StringBuilder();
    new EnumMap<>(figures)
        .forEach((figure, value) -> text.append(String.format("%,.2f %s  ", value, figure.unit)));
    return text.toString().strip();
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}
