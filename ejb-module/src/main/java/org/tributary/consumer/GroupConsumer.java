package org.tributary.consumer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import org.tributary.consumer.SubscriptionState.SubscriptionType;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.group.OffsetAndMetadata;
import org.tributary.log.PartitionLogs;
import org.tributary.log.PartitionOffsets;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicPartition;

/**
 * A consumer as Kafka's {@code KafkaConsumer} is one, on the broker (REST Proxy's consumer
 * instances and the facade's consumers sit on it): it subscribes to topics (by name or pattern) as
 * a member of a group, or is assigned partitions by hand; it keeps a position in every partition it
 * owns, polls records from there ({@link LongPoll}), and commits positions to its group. Its state
 * is split as Kafka's is: {@link SubscriptionState}, {@link ConsumerCoordinator}, {@link Fetcher}.
 *
 * <p>Operations that look at the assignment talk to the group coordinator first, so they also serve
 * as the heartbeat and learn about rebalances. Positions are looked up (committed offset or {@code
 * auto.offset.reset}) only when a poll needs them, so a seek can always fix a partition that has no
 * valid position.
 *
 * <p>Thread safety: this object's monitor guards all its parts, held for in-memory work and short
 * broker calls only; a poll waiting for data holds neither the monitor nor a thread. One poll at a
 * time, as with Kafka's consumer.
 */
public final class GroupConsumer implements AutoCloseable {

  /** How long a commit of everything returned waits for responses still being written. */
  private static final Duration DELIVERY_WAIT = Duration.ofSeconds(5);

  private final String groupId;
  private final PartitionLogs logs;
  private final LongSupplier nanoTime = System::nanoTime;

  private final SubscriptionState subscriptions = new SubscriptionState();
  private final ConsumerCoordinator coordinator;
  private final Fetcher fetcher;
  private final LongPoll longPoll;

  private boolean polling;
  private boolean closed;

  GroupConsumer(
      String groupId,
      ConsumerOptions options,
      GroupRequests group,
      PartitionLogs logs,
      TopicCatalog topics,
      Clock clock) {
    this.groupId = groupId;
    this.logs = logs;
    this.coordinator =
        new ConsumerCoordinator(
            subscriptions, group, options.autoCommit(), topics::find, topics::list, clock);
    this.fetcher =
        new Fetcher(
            subscriptions,
            (partition, offset, maxBytes) ->
                logs.read(partition.topic(), partition.partition(), offset, maxBytes),
            this::offsetsOf,
            options.autoOffsetReset());
    // A waiting poll resumes on the log's own bounded executor, never on Payara's shared default.
    this.longPoll =
        new LongPoll(this::round, logs::awaitData, logs.completions(), nanoTime, options);
  }

  public String groupId() {
    return groupId;
  }

  /** Subscribes to these topics, replacing any earlier list; an empty list unsubscribes. */
  public synchronized void subscribe(Collection<String> topicNames) {
    requireOpen();
    subscriptions.requireCompatible(SubscriptionType.AUTO_TOPICS);
    if (topicNames.isEmpty()) {
      unsubscribe();
      return;
    }
    subscriptions.subscribe(topicNames);
    coordinator.refreshAssignment(true);
  }

  /**
   * Subscribes to every topic whose whole name matches the regular expression, now or when it is
   * created later.
   */
  public synchronized void subscribe(String topicPattern) {
    requireOpen();
    subscriptions.subscribe(topicPattern);
    coordinator.refreshAssignment(true);
  }

  /** Leaves the group (committing first with auto-commit) and forgets every position. */
  public synchronized void unsubscribe() {
    requireOpen();
    coordinator.maybeAutoCommit();
    coordinator.leaveGroup();
    subscriptions.unsubscribe();
  }

  /** The subscribed topics; for a pattern, the topics it matches now. */
  public synchronized Set<String> subscription() {
    requireOpen();
    return subscriptions.subscription(coordinator::topicNames);
  }

  /** Whether the partitions were assigned by hand rather than by the group. */
  public synchronized boolean manuallyAssigned() {
    return subscriptions.type() == SubscriptionType.USER_ASSIGNED;
  }

  /**
   * The topics this consumer reads as it last heard from its group, without asking again: the
   * subscribed topics and those of the partitions it owns. For the broker's list of clients.
   */
  public synchronized Set<String> topics() {
    return subscriptions.topics();
  }

  /** Takes these partitions by hand, outside the group's assignment; empty unassigns. */
  public synchronized void assign(Collection<TopicPartition> partitions) {
    requireOpen();
    subscriptions.requireCompatible(SubscriptionType.USER_ASSIGNED);
    if (partitions.isEmpty()) {
      unsubscribe();
      return;
    }
    partitions.forEach(this::offsetsOf);
    subscriptions.assignFromUser(partitions);
    coordinator.refreshAssignment(true);
  }

  /** The partitions this consumer owns now, by assignment of its group or by hand. */
  public synchronized List<TopicPartition> assignment() {
    requireOpen();
    coordinator.refreshAssignment(true);
    return subscriptions.assignment();
  }

  /** The next poll reads {@code partition} from {@code offset}. */
  public synchronized void seek(TopicPartition partition, long offset) {
    seek(Map.of(partition, offset));
  }

  /** Seeks several partitions: all of them, or none when one is refused. */
  public synchronized void seek(Map<TopicPartition, Long> offsets) {
    requireOpen();
    offsets.forEach(
        (partition, offset) -> {
          if (offset < 0) {
            throw new TributaryException(
                ErrorCode.INVALID_REQUEST,
                "Cannot seek " + partition + " to negative offset " + offset + ".");
          }
        });
    coordinator.refreshAssignment(true);
    subscriptions.seek(offsets);
  }

  /** Seeks to the log start of these partitions, or of all owned ones when empty. */
  public synchronized void seekToBeginning(Collection<TopicPartition> partitions) {
    seekEach(partitions, partition -> offsetsOf(partition).logStartOffset());
  }

  /** Seeks to the last stable offset of these partitions, or of all owned ones when empty. */
  public synchronized void seekToEnd(Collection<TopicPartition> partitions) {
    seekEach(partitions, partition -> offsetsOf(partition).lastStableOffset());
  }

  /**
   * Seeks each partition to its first record with a timestamp at or after the given one (epoch
   * milliseconds), or to its end when there is none.
   */
  public synchronized void seekToTimestamp(Map<TopicPartition, Long> timestamps) {
    requireOpen();
    coordinator.refreshAssignment(true);
    subscriptions.requireAssigned(timestamps.keySet());
    Map<TopicPartition, Long> found = new HashMap<>();
    timestamps.forEach(
        (partition, timestamp) ->
            found.put(
                partition,
                logs.offsetForTimestamp(partition.topic(), partition.partition(), timestamp)
                    .orElseGet(() -> offsetsOf(partition).lastStableOffset())));
    subscriptions.seek(found);
  }

  private void seekEach(Collection<TopicPartition> partitions, ToLongFunction<TopicPartition> at) {
    requireOpen();
    coordinator.refreshAssignment(true);
    Collection<TopicPartition> chosen =
        partitions.isEmpty() ? subscriptions.assignment() : partitions;
    subscriptions.requireAssigned(chosen);
    Map<TopicPartition, Long> found = new HashMap<>();
    chosen.forEach(partition -> found.put(partition, at.applyAsLong(partition)));
    subscriptions.seek(found);
  }

  /** The next offset this consumer reads in each partition it owns. */
  public synchronized Map<TopicPartition, Long> positions() {
    requireOpen();
    coordinator.refreshAssignment(true);
    coordinator.initializeMissingPositions();
    return subscriptions.positions();
  }

  /**
   * Returns the records after this consumer's positions in the partitions it owns, up to about
   * {@code maxBytes} (at least one record when any is there). With nothing there it waits up to
   * {@code maxWait} and completes as soon as {@code fetch.min.bytes} have arrived.
   */
  public CompletionStage<List<ConsumedRecord>> poll(int maxBytes, Duration maxWait) {
    return poll(maxBytes, maxWait, false);
  }

  /**
   * {@link #poll}, for records that reach their client later (an HTTP response still to be
   * written): until {@link #delivered} confirms them, commits (auto-commit and "everything
   * returned" included) stop before them, and {@link #notDelivered} sets the positions back so that
   * the next poll returns them again.
   */
  public CompletionStage<List<ConsumedRecord>> pollForDelivery(int maxBytes, Duration maxWait) {
    return poll(maxBytes, maxWait, true);
  }

  /** The records of a {@link #pollForDelivery} reached their client: commits may pass them. */
  public synchronized void delivered(List<ConsumedRecord> records) {
    subscriptions.endDelivery(records);
    notifyAll();
  }

  /**
   * The records of a {@link #pollForDelivery} never reached their client: each partition still
   * owned reads again from the first of them.
   */
  public synchronized void notDelivered(List<ConsumedRecord> records) {
    subscriptions.notDelivered(records);
    notifyAll();
  }

  private CompletionStage<List<ConsumedRecord>> poll(
      int maxBytes, Duration maxWait, boolean untilDelivered) {
    if (maxBytes <= 0) {
      throw new TributaryException(
          ErrorCode.INVALID_REQUEST, "max_bytes must be positive, was " + maxBytes + ".");
    }
    long deadline = longPoll.deadlineAfter(maxWait);
    List<ConsumedRecord> received = new ArrayList<>();
    synchronized (this) {
      requireOpen();
      if (polling) {
        throw new TributaryException(
            ErrorCode.ILLEGAL_STATE,
            "This consumer is already waiting for records in another request; one poll at a"
                + " time.");
      }
      polling = true;
      if (untilDelivered) {
        subscriptions.startDelivery(received);
      }
    }
    CompletionStage<List<ConsumedRecord>> records;
    try {
      records = longPoll.poll(received, maxBytes, deadline);
    } catch (RuntimeException e) {
      pollEnded(received, false);
      throw e;
    }
    return records.whenComplete(
        (read, error) -> pollEnded(received, error == null && !read.isEmpty()));
  }

  /** One round of a poll ({@link LongPoll.Round}). */
  private synchronized Optional<Map<TopicPartition, Long>> round(
      List<ConsumedRecord> received, int budget, boolean first) {
    if (closed) {
      return Optional.empty();
    }
    // Auto-commit covers what earlier polls returned, never what this one holds.
    coordinator.refreshAssignment(first);
    coordinator.initializeMissingPositions();
    return Optional.of(fetcher.fetchAvailable(received, budget));
  }

  /** A poll that returned nothing, or failed, has nothing to deliver. */
  private synchronized void pollEnded(List<ConsumedRecord> received, boolean delivering) {
    polling = false;
    if (!delivering) {
      subscriptions.endDelivery(received);
      notifyAll();
    }
  }

  /**
   * Commits the positions of the partitions this consumer owns: all it has returned so far. Refused
   * with {@code ILLEGAL_GENERATION} once the consumer has given a partition away in a rebalance.
   */
  public synchronized Map<TopicPartition, Long> commit() {
    requireOpen();
    awaitDeliveries();
    Map<TopicPartition, Long> all = subscriptions.committablePositions();
    coordinator.commitPositions(all);
    return all;
  }

  /**
   * Waits (releasing the monitor) a little for responses being written: a client that commits as
   * soon as it has read a response may be faster than the server learning that it was written.
   */
  private void awaitDeliveries() {
    long deadline = nanoTime.getAsLong() + DELIVERY_WAIT.toNanos();
    try {
      for (long left = DELIVERY_WAIT.toNanos();
          left > 0 && subscriptions.deliveriesPending();
          left = deadline - nanoTime.getAsLong()) {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Commits the given offsets: each the next offset to read, as in Kafka. */
  public synchronized void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    requireOpen();
    coordinator.commit(offsets);
  }

  /** Commits the given next offsets to read, with no metadata. */
  public synchronized void commitPositions(Map<TopicPartition, Long> offsets) {
    requireOpen();
    coordinator.commitPositions(offsets);
  }

  /** The group's committed offsets of these partitions (those without a commit are left out). */
  public synchronized Map<TopicPartition, OffsetAndMetadata> committed(
      Collection<TopicPartition> partitions) {
    requireOpen();
    return coordinator.committed(partitions);
  }

  /** Leaves the group, after an auto-commit when enabled. Closing twice does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    try {
      coordinator.maybeAutoCommit();
      coordinator.leaveGroup();
    } finally {
      closed = true;
      subscriptions.revokeAll();
    }
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  private PartitionOffsets offsetsOf(TopicPartition partition) {
    return logs.offsets(partition.topic(), partition.partition());
  }

  private void requireOpen() {
    if (closed) {
      throw new TributaryException(ErrorCode.ILLEGAL_STATE, "This consumer has been closed.");
    }
  }
}
