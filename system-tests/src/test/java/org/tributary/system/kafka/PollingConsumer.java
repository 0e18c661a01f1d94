package org.tributary.system.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A stock KafkaConsumer in a group, polling on its own thread until closed (a KafkaConsumer is
 * single-threaded): what it was assigned last, what it read, and the error that stopped it. {@link
 * #main} runs one in a child JVM, for a consumer that is killed.
 */
final class PollingConsumer implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private final AtomicReference<Set<TopicPartition>> assignment = new AtomicReference<>(Set.of());
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final ConcurrentLinkedQueue<ConsumerRecord<byte[], byte[]>> read =
      new ConcurrentLinkedQueue<>();

  PollingConsumer(Properties config, List<String> topics) {
    consumer = new KafkaConsumer<>(config);
    thread =
        new Thread(
            () -> {
              try {
                consumer.subscribe(topics);
                while (!Thread.currentThread().isInterrupted()) {
                  consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                  assignment.set(Set.copyOf(consumer.assignment()));
                }
              } catch (WakeupException closing) {
                // close() woke it
              } catch (Throwable e) {
                failure.set(e);
              } finally {
                consumer.close(Duration.ofSeconds(10));
              }
            },
            "polling-consumer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Consumer settings of the tests: small timeouts, so rebalances are quick. */
  static Properties config(String user, String password, String group, Map<String, Object> more) {
    Properties config = KafkaClients.common(user, password);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
    config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "500");
    config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "20000");
    config.putAll(more);
    return config;
  }

  Set<TopicPartition> assignment() {
    return assignment.get();
  }

  Throwable failure() {
    return failure.get();
  }

  List<ConsumerRecord<byte[], byte[]>> read() {
    return new ArrayList<>(read);
  }

  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    thread.interrupt();
    thread.join(TimeUnit.SECONDS.toMillis(20));
  }

  /**
   * A consumer in a child JVM: bootstrap, user, password, group, topic, assignment strategy; polls
   * until killed.
   */
  public static void main(String[] args) throws Exception {
    System.setProperty("kafka.bootstrap", args[0]);
    Map<String, Object> strategy =
        Map.of(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, args[5]);
    try (PollingConsumer child =
        new PollingConsumer(config(args[1], args[2], args[3], strategy), List.of(args[4]))) {
      while (child.failure() == null) {
        Thread.sleep(200);
      }
      child.failure().printStackTrace();
    }
  }
}
