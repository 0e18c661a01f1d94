package org.tributary.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.group.Assignment;
import org.tributary.group.GroupCoordinator;
import org.tributary.group.OffsetAndMetadata;
import org.tributary.log.FetchResult;
import org.tributary.log.PartitionLogs;
import org.tributary.log.PartitionOffsets;
import org.tributary.log.Record;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicMetadata;
import org.tributary.topic.TopicName;
import org.tributary.topic.TopicPartition;

/**
 * A consumer as Kafka's client is one: it subscribes to topics (by name or pattern) as a member of
 * a group, or is assigned partitions by hand; it keeps a position in every partition it owns, polls
 * records from there, and commits positions to its group.
 *
 * <p>Every operation talks to the group coordinator first, so it also serves as the heartbeat and
 * learns about rebalances. Thread safety: operations hold this object's monitor for in-memory work
 * and short broker calls only; a poll waiting for data holds neither the monitor nor a thread. One
 * poll at a time, as with Kafka's consumer.
 */
public final class Consumer implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Consumer.class.getName());

  /** How often a poll that owns no partition yet asks the group again during its wait. */
  private static final Duration REBALANCE_RECHECK = Duration.ofMillis(100);

  private enum Mode {
    NONE,
    TOPICS,
    PATTERN,
    MANUAL
  }

  private final String groupId;
  private final ConsumerOptions options;
  private final GroupCoordinator coordinator;
  private final PartitionLogs logs;
  private final TopicCatalog topics;

  private Mode mode = Mode.NONE;
  private Set<String> subscribedTopics = Set.of();
  private Pattern pattern;
  private List<TopicPartition> manualAssignment = List.of();

  private String memberId;
  private int generation = -1;
  private Set<String> joinedTopics = Set.of();
  private List<TopicPartition> owned = List.of();
  private final Map<TopicPartition, Long> positions = new HashMap<>();
  private int rotation;
  private boolean polling;
  private boolean closed;

  Consumer(
      String groupId,
      ConsumerOptions options,
      GroupCoordinator coordinator,
      PartitionLogs logs,
      TopicCatalog topics) {
    this.groupId = groupId;
    this.options = options;
    this.coordinator = coordinator;
    this.logs = logs;
    this.topics = topics;
  }

  public String groupId() {
    return groupId;
  }

  public ConsumerOptions options() {
    return options;
  }

  /** The member id the group knows this consumer by, or null outside a group. */
  public synchronized String memberId() {
    return memberId;
  }

  /** Subscribes to these topics, replacing any earlier subscription; an empty list unsubscribes. */
  public synchronized void subscribe(Collection<String> topicNames) {
    requireOpen();
    requireNotMode(Mode.MANUAL);
    if (topicNames.isEmpty()) {
      unsubscribe();
      return;
    }
    topicNames.forEach(TopicName::validate);
    mode = Mode.TOPICS;
    subscribedTopics = Set.copyOf(topicNames);
    pattern = null;
    refresh();
  }

  /** Subscribes to every topic whose whole name matches, now or when it is created later. */
  public synchronized void subscribe(Pattern topicPattern) {
    requireOpen();
    requireNotMode(Mode.MANUAL);
    mode = Mode.PATTERN;
    pattern = topicPattern;
    subscribedTopics = Set.of();
    refresh();
  }

  /** Leaves the group (committing first with auto-commit) and forgets every position. */
  public synchronized void unsubscribe() {
    requireOpen();
    autoCommit();
    leaveGroup();
    mode = Mode.NONE;
    subscribedTopics = Set.of();
    pattern = null;
    manualAssignment = List.of();
    owned = List.of();
    positions.clear();
  }

  /** The subscribed topics; for a pattern, the topics it matches now. */
  public synchronized Set<String> subscription() {
    requireOpen();
    return switch (mode) {
      case TOPICS -> new TreeSet<>(subscribedTopics);
      case PATTERN -> matchingTopics();
      case NONE, MANUAL -> Set.of();
    };
  }

  /** Takes these partitions by hand, outside the group's assignment; empty unassigns. */
  public synchronized void assign(Collection<TopicPartition> partitions) {
    requireOpen();
    requireNotMode(Mode.TOPICS);
    requireNotMode(Mode.PATTERN);
    if (partitions.isEmpty()) {
      unsubscribe();
      return;
    }
    partitions.forEach(partition -> logs.offsets(partition.topic(), partition.partition()));
    mode = Mode.MANUAL;
    manualAssignment = List.copyOf(new TreeSet<>(partitions));
    refresh();
  }

  /** The partitions this consumer owns now, by assignment of its group or by hand. */
  public synchronized List<TopicPartition> assignment() {
    requireOpen();
    refresh();
    return owned;
  }

  /** The next poll reads {@code partition} from {@code offset}. */
  public synchronized void seek(TopicPartition partition, long offset) {
    requireOpen();
    if (offset < 0) {
      throw new TributaryException(
          ErrorCode.INVALID_REQUEST,
          "Cannot seek " + partition + " to negative offset " + offset + ".");
    }
    refresh();
    requireOwned(partition);
    positions.put(partition, offset);
  }

  /** Seeks to the log start of these partitions, or of all owned ones when empty. */
  public synchronized void seekToBeginning(Collection<TopicPartition> partitions) {
    seekEach(partitions, partition -> offsetsOf(partition).logStartOffset());
  }

  /** Seeks to the high watermark of these partitions, or of all owned ones when empty. */
  public synchronized void seekToEnd(Collection<TopicPartition> partitions) {
    seekEach(partitions, partition -> offsetsOf(partition).highWatermark());
  }

  /**
   * Seeks each partition to its first record with a timestamp at or after the given one (epoch
   * milliseconds), or to its end when there is none.
   */
  public synchronized void seekToTimestamp(Map<TopicPartition, Long> timestamps) {
    requireOpen();
    refresh();
    timestamps.keySet().forEach(this::requireOwned);
    timestamps.forEach(
        (partition, timestamp) ->
            positions.put(
                partition,
                logs.offsetForTimestamp(partition.topic(), partition.partition(), timestamp)
                    .orElseGet(() -> offsetsOf(partition).highWatermark())));
  }

  /** The next offset this consumer reads in each partition it owns. */
  public synchronized Map<TopicPartition, Long> positions() {
    requireOpen();
    refresh();
    return Map.copyOf(positions);
  }

  /**
   * Returns the records after this consumer's positions in the partitions it owns, up to about
   * {@code maxBytes} (at least one record when any is there). With nothing there it waits up to
   * {@code maxWait} and completes as soon as {@code fetch.min.bytes} have arrived.
   */
  public CompletionStage<List<ConsumedRecord>> poll(int maxBytes, Duration maxWait) {
    if (maxBytes <= 0) {
      throw new TributaryException(
          ErrorCode.INVALID_REQUEST, "max_bytes must be positive, was " + maxBytes + ".");
    }
    long deadline = System.nanoTime() + Math.max(0, maxWait.toNanos());
    synchronized (this) {
      requireOpen();
      if (polling) {
        throw new TributaryException(
            ErrorCode.ILLEGAL_STATE,
            "This consumer is already waiting for records in another request; one poll at a"
                + " time.");
      }
      polling = true;
    }
    CompletionStage<List<ConsumedRecord>> records;
    try {
      records = attempt(new ArrayList<>(), maxBytes, deadline);
    } catch (RuntimeException e) {
      pollEnded();
      throw e;
    }
    return records.whenComplete((ignored, error) -> pollEnded());
  }

  /** Commits the positions of every partition this consumer owns: all it has returned so far. */
  public synchronized Map<TopicPartition, Long> commit() {
    requireOpen();
    refresh();
    Map<TopicPartition, Long> all = Map.copyOf(positions);
    commitPositions(all);
    return all;
  }

  /** Commits the given offsets: each the next offset to read, as in Kafka. */
  public synchronized void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    requireOpen();
    if (offsets.isEmpty()) {
      return;
    }
    if (memberId == null) {
      coordinator.commit(groupId, null, -1, offsets);
    } else {
      coordinator.commit(groupId, memberId, generation, offsets);
    }
  }

  private void commitPositions(Map<TopicPartition, Long> offsets) {
    Instant now = Instant.now();
    Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    offsets.forEach(
        (partition, offset) -> commits.put(partition, new OffsetAndMetadata(offset, "", now)));
    commit(commits);
  }

  /** The group's committed offsets of these partitions (those without a commit are left out). */
  public synchronized Map<TopicPartition, OffsetAndMetadata> committed(
      Collection<TopicPartition> partitions) {
    requireOpen();
    Map<TopicPartition, OffsetAndMetadata> all = coordinator.committed(groupId);
    Map<TopicPartition, OffsetAndMetadata> wanted = new LinkedHashMap<>();
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata committed = all.get(partition);
      if (committed != null) {
        wanted.put(partition, committed);
      }
    }
    return wanted;
  }

  /** Leaves the group, after an auto-commit when enabled. Closing twice does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    try {
      autoCommit();
      leaveGroup();
    } finally {
      closed = true;
      owned = List.of();
      positions.clear();
    }
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  private CompletionStage<List<ConsumedRecord>> attempt(
      List<ConsumedRecord> received, int maxBytes, long deadline) {
    Map<TopicPartition, Long> waitFrom;
    synchronized (this) {
      if (closed) {
        return CompletableFuture.completedFuture(received);
      }
      refresh();
      readAvailable(received, maxBytes - bytesOf(received));
      waitFrom = new HashMap<>(positions);
    }
    long remaining = deadline - System.nanoTime();
    int bytes = bytesOf(received);
    if (bytes >= Math.max(1, options.fetchMinBytes()) || bytes >= maxBytes || remaining <= 0) {
      return CompletableFuture.completedFuture(received);
    }
    Duration wait = Duration.ofNanos(remaining);
    if (waitFrom.isEmpty() && wait.compareTo(REBALANCE_RECHECK) > 0) {
      wait = REBALANCE_RECHECK;
    }
    return logs.awaitData(waitFrom, wait)
        // A topic deleted during the wait: the next attempt learns it from the group.
        .exceptionally(error -> null)
        .thenCompose(ignored -> attempt(received, maxBytes, deadline));
  }

  private void readAvailable(List<ConsumedRecord> received, int budget) {
    List<TopicPartition> order = new ArrayList<>(owned);
    if (!order.isEmpty()) {
      Collections.rotate(order, -(rotation++ % order.size()));
    }
    for (TopicPartition partition : order) {
      if (budget <= 0) {
        return;
      }
      FetchResult fetched = read(partition, budget);
      if (fetched == null) {
        continue;
      }
      for (Record record : fetched.records()) {
        received.add(new ConsumedRecord(partition.topic(), partition.partition(), record));
        budget -= record.sizeInBytes();
      }
      positions.put(partition, fetched.nextOffset());
    }
  }

  /** Reads from the partition's position; null when its topic has just been deleted. */
  private FetchResult read(TopicPartition partition, int budget) {
    try {
      return logs.read(partition.topic(), partition.partition(), positions.get(partition), budget);
    } catch (TributaryException e) {
      if (e.code() == ErrorCode.OFFSET_OUT_OF_RANGE) {
        PartitionOffsets bounds = offsetsOf(partition);
        long reset =
            options
                .autoOffsetReset()
                .startOffset(partition, bounds.logStartOffset(), bounds.highWatermark());
        positions.put(partition, reset);
        return logs.read(partition.topic(), partition.partition(), reset, budget);
      }
      if (e.code() == ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) {
        return null;
      }
      throw e;
    }
  }

  /**
   * Brings the group membership up to date (join, rejoin or heartbeat), commits with auto-commit,
   * then keeps positions only of the partitions still owned and looks up those of new ones.
   */
  private void refresh() {
    Map<TopicPartition, Long> before = Map.copyOf(positions);
    switch (mode) {
      case NONE -> owned = List.of();
      case MANUAL -> owned = manualAssignment;
      case TOPICS -> follow(subscribedTopics);
      case PATTERN -> follow(matchingTopics());
    }
    if (options.autoCommit() && !before.isEmpty()) {
      commitQuietly(before);
    }
    positions.keySet().retainAll(owned);
    List<TopicPartition> unpositioned =
        owned.stream().filter(partition -> !positions.containsKey(partition)).toList();
    if (!unpositioned.isEmpty()) {
      positions.putAll(
          coordinator.startingOffsets(groupId, unpositioned, options.autoOffsetReset()));
    }
  }

  private void follow(Set<String> wanted) {
    if (wanted.isEmpty()) {
      leaveGroup();
      owned = List.of();
      return;
    }
    Assignment assignment;
    if (memberId != null && wanted.equals(joinedTopics)) {
      try {
        assignment = coordinator.heartbeat(groupId, memberId);
      } catch (TributaryException e) {
        if (e.code() != ErrorCode.UNKNOWN_MEMBER_ID && e.code() != ErrorCode.GROUP_ID_NOT_FOUND) {
          throw e;
        }
        memberId = null;
        assignment = join(wanted);
      }
    } else {
      assignment = join(wanted);
    }
    memberId = assignment.memberId();
    generation = assignment.generation();
    joinedTopics = wanted;
    owned = assignment.partitions();
  }

  private Assignment join(Set<String> wanted) {
    try {
      return coordinator.join(
          groupId,
          memberId,
          options.clientId(),
          wanted,
          options.sessionTimeout(),
          options.assignor());
    } catch (TributaryException e) {
      if (memberId == null || e.code() != ErrorCode.UNKNOWN_MEMBER_ID) {
        throw e;
      }
      // The session expired while the consumer was idle: join as a new member.
      memberId = null;
      return join(wanted);
    }
  }

  private void leaveGroup() {
    if (memberId == null) {
      return;
    }
    try {
      coordinator.leave(groupId, memberId);
    } catch (TributaryException e) {
      // Already expired: the group has moved on without it.
    } finally {
      memberId = null;
      generation = -1;
      joinedTopics = Set.of();
    }
  }

  private void autoCommit() {
    if (options.autoCommit() && !positions.isEmpty()) {
      commitQuietly(Map.copyOf(positions));
    }
  }

  /** Auto-commit: a fenced or refused commit means re-delivery, never an error for the caller. */
  private void commitQuietly(Map<TopicPartition, Long> offsets) {
    try {
      commitPositions(offsets);
    } catch (TributaryException e) {
      LOG.log(Level.FINE, "Auto-commit of group " + groupId + " refused: " + e.getMessage(), e);
    }
  }

  private void seekEach(
      Collection<TopicPartition> partitions, ToLongFunction<TopicPartition> offset) {
    requireOpen();
    refresh();
    Collection<TopicPartition> chosen = partitions.isEmpty() ? owned : partitions;
    chosen.forEach(this::requireOwned);
    chosen.forEach(partition -> positions.put(partition, offset.applyAsLong(partition)));
  }

  private PartitionOffsets offsetsOf(TopicPartition partition) {
    return logs.offsets(partition.topic(), partition.partition());
  }

  private Set<String> matchingTopics() {
    return topics.list().stream()
        .map(TopicMetadata::name)
        .filter(name -> pattern.matcher(name).matches())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private void requireOwned(TopicPartition partition) {
    if (!owned.contains(partition)) {
      throw new TributaryException(
          ErrorCode.ILLEGAL_STATE,
          "Partition "
              + partition
              + " is not assigned to this consumer, which owns "
              + owned
              + ". Subscribe or assign it first.");
    }
  }

  private void requireNotMode(Mode conflicting) {
    if (mode == conflicting) {
      throw new TributaryException(
          ErrorCode.INCONSISTENT_SUBSCRIPTION,
          "Subscription to topics, to a pattern and manual assignment are mutually exclusive;"
              + " this consumer uses "
              + conflicting.name().toLowerCase(Locale.ROOT)
              + (conflicting == Mode.MANUAL ? " assignment" : " subscription")
              + ". Unsubscribe first.");
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new TributaryException(ErrorCode.ILLEGAL_STATE, "This consumer has been closed.");
    }
  }

  private synchronized void pollEnded() {
    polling = false;
  }

  private static int bytesOf(List<ConsumedRecord> records) {
    int bytes = 0;
    for (ConsumedRecord record : records) {
      bytes += record.record().sizeInBytes();
    }
    return bytes;
  }
}
