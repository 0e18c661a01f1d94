package org.tributary.facade;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tributary.api.Header;
import org.tributary.api.ReceivedRecord;
import org.tributary.api.TopicPartition;
import org.tributary.api.TributaryConsumer;
import org.tributary.clients.ClientActivity;
import org.tributary.clients.ClientIdentity;
import org.tributary.clients.ClientKind;
import org.tributary.consumer.ConsumedRecord;
import org.tributary.consumer.GroupConsumer;
import org.tributary.consumer.PollSummary;
import org.tributary.log.Record;

/** The API's consumer over the core's {@link GroupConsumer}, speaking only the API's types. */
final class FacadeConsumer implements TributaryConsumer {

  /** What one poll returns at most, as Kafka's {@code fetch.max.bytes} default. */
  private static final int MAX_POLL_BYTES = 50 * 1024 * 1024;

  private final GroupConsumer consumer;
  private final ClientActivity clients;
  private ClientIdentity identity;

  FacadeConsumer(GroupConsumer consumer, ClientActivity clients) {
    this.consumer = consumer;
    this.clients = clients;
  }

  @Override
  public void subscribe(Collection<String> topics) {
    ClientErrors.run(() -> consumer.subscribe(topics));
  }

  @Override
  public void assign(Collection<TopicPartition> partitions) {
    ClientErrors.run(() -> consumer.assign(core(partitions)));
  }

  @Override
  public List<TopicPartition> assignment() {
    return ClientErrors.translated(() -> api(consumer.assignment()));
  }

  @Override
  public List<ReceivedRecord> poll(Duration timeout) {
    List<ConsumedRecord> records =
        ClientErrors.translated(
            () -> consumer.poll(MAX_POLL_BYTES, timeout).toCompletableFuture().join());
    report(records); // never throws: ClientActivity only logs a failure to count
    return records.stream().map(FacadeConsumer::received).toList();
  }

  /** An empty poll counts too: the consumer is active. */
  private void report(List<ConsumedRecord> records) {
    if (identity == null) {
      // Here, not at creation: the application's context is the caller's (CallingApplication).
      identity =
          new ClientIdentity(
              ClientKind.CONSUMER, null, CallingApplication.name(), ClientIdentity.IN_PROCESS);
    }
    PollSummary poll = PollSummary.of(consumer, records);
    clients.consumed(identity, poll.group(), poll.topics(), poll.records(), poll.bytes());
  }

  @Override
  public void commit() {
    ClientErrors.run(consumer::commit);
  }

  @Override
  public void commit(Map<TopicPartition, Long> offsets) {
    Map<org.tributary.topic.TopicPartition, Long> positions = new HashMap<>();
    offsets.forEach((partition, offset) -> positions.put(core(partition), offset));
    ClientErrors.run(() -> consumer.commitPositions(positions));
  }

  @Override
  public void seek(TopicPartition partition, long offset) {
    ClientErrors.run(() -> consumer.seek(core(partition), offset));
  }

  @Override
  public void seekToBeginning(Collection<TopicPartition> partitions) {
    ClientErrors.run(() -> consumer.seekToBeginning(core(partitions)));
  }

  @Override
  public void seekToEnd(Collection<TopicPartition> partitions) {
    ClientErrors.run(() -> consumer.seekToEnd(core(partitions)));
  }

  @Override
  public void close() {
    ClientErrors.run(consumer::close);
  }

  static ReceivedRecord received(ConsumedRecord consumed) {
    Record record = consumed.record();
    return new ReceivedRecord(
        consumed.topic(),
        consumed.partition(),
        record.offset(),
        record.timestamp(),
        record.key(),
        record.value(),
        record.headers().stream().map(h -> new Header(h.key(), h.value())).toList());
  }

  private static org.tributary.topic.TopicPartition core(TopicPartition partition) {
    return new org.tributary.topic.TopicPartition(partition.topic(), partition.partition());
  }

  private static List<org.tributary.topic.TopicPartition> core(
      Collection<TopicPartition> partitions) {
    return partitions.stream().map(FacadeConsumer::core).toList();
  }

  private static List<TopicPartition> api(List<org.tributary.topic.TopicPartition> partitions) {
    return partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
  }
}
