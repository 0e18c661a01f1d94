package org.tributary.rar;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tributary.api.ConsumerSettings;
import org.tributary.api.Header;
import org.tributary.api.ReceivedRecord;
import org.tributary.api.RecordMetadata;
import org.tributary.api.TopicPartition;
import org.tributary.api.TributaryConsumer;
import org.tributary.api.TributaryContext;
import org.tributary.api.TributaryProducer;

/**
 * A Tributary of one consumer: the records appended before the loop starts, polled once each (and
 * again after a seek back), offset commits joining the {@link FakeContainer}'s transaction on the
 * committing thread, and the dead letters sent.
 */
final class FakeTributary implements TributaryContext {

  record DeadLetter(String topic, byte[] value, List<Header> headers) {}

  final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();
  final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
  private final List<ReceivedRecord> log = new ArrayList<>();
  private final FakeContainer container;

  FakeTributary(FakeContainer container) {
    this.container = container;
  }

  FakeTributary append(String topic, int partition, String... values) {
    long offset = log.stream().filter(r -> r.partition() == partition).count();
    for (String value : values) {
      log.add(
          new ReceivedRecord(topic, partition, offset++, 0L, null, value.getBytes(), List.of()));
    }
    return this;
  }

  @Override
  public TributaryProducer createProducer() {
    return new TributaryProducer() {
      @Override
      public RecordMetadata send(String topic, Object key, Object value) {
        return send(topic, key, value, List.of());
      }

      @Override
      public RecordMetadata send(String topic, Object key, Object value, List<Header> headers) {
        deadLetters.add(new DeadLetter(topic, (byte[]) value, headers));
        return new RecordMetadata(topic, 0, deadLetters.size() - 1L, 0L);
      }

      @Override
      public CompletionStage<RecordMetadata> sendAsync(String topic, Object key, Object value) {
        return CompletableFuture.completedFuture(send(topic, key, value));
      }

      @Override
      public CompletionStage<RecordMetadata> sendAsync(
          String topic, Object key, Object value, List<Header> headers) {
        return CompletableFuture.completedFuture(send(topic, key, value, headers));
      }
    };
  }

  /** What creating a consumer throws instead, when set. */
  volatile RuntimeException consumerRefusal;

  @Override
  public TributaryConsumer createConsumer(ConsumerSettings settings) {
    if (consumerRefusal != null) {
      throw consumerRefusal;
    }
    return new Consumer();
  }

  private final class Consumer implements TributaryConsumer {
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();

    @Override
    public void subscribe(Collection<String> topics) {
      log.forEach(r -> positions.putIfAbsent(r.topicPartition(), 0L));
      committed.forEach(positions::put);
    }

    @Override
    public void assign(Collection<TopicPartition> partitions) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<TopicPartition> assignment() {
      return List.copyOf(positions.keySet());
    }

    @Override
    public List<ReceivedRecord> poll(Duration timeout) {
      List<ReceivedRecord> records =
          log.stream().filter(r -> r.offset() >= positions.get(r.topicPartition())).toList();
      records.forEach(r -> positions.merge(r.topicPartition(), r.offset() + 1, Math::max));
      if (records.isEmpty()) {
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return records;
    }

    @Override
    public void commit() {
      commit(Map.copyOf(positions));
    }

    @Override
    public void commit(Map<TopicPartition, Long> offsets) {
      container.inTransaction(() -> committed.putAll(offsets));
      container.events.add("commit offset " + offsets.values());
    }

    @Override
    public void seek(TopicPartition partition, long offset) {
      positions.put(partition, offset);
    }

    @Override
    public void seekToBeginning(Collection<TopicPartition> partitions) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void seekToEnd(Collection<TopicPartition> partitions) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }
}
