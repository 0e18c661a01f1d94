package org.tributary.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.group.Assignment;
import org.tributary.group.GroupCoordinator;
import org.tributary.group.OffsetAndMetadata;
import org.tributary.group.OffsetCommits;
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
 * <p>Operations that look at the assignment talk to the group coordinator first, so they also serve
 * as the heartbeat and learn about rebalances; a waiting poll heartbeats every few seconds.
 * Positions are looked up (committed offset or {@code auto.offset.reset}) only when a poll needs
 * them, so a seek can always fix a partition that has no valid position.
 *
 * <p>Thread safety: operations hold this object's monitor for in-memory work and short broker calls
 * only; a poll waiting for data holds neither the monitor nor a thread, and resumes on the log's
 * completion executor ({@link NextRound}). One poll at a time, as with Kafka's consumer.
 */
public final class Consumer implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Consumer.class.getName());

  /** The longest a waiting poll goes without telling the group it is alive. */
  private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(3);

  /** How often a poll that owns no partition yet asks the group again during its wait. */
  private static final Duration REBALANCE_RECHECK = Duration.ofMillis(100);

  /** How long a commit of everything returned waits for responses still being written. */
  private static final Duration DELIVERY_WAIT = Duration.ofSeconds(5);

  private enum Mode {
    NONE,
    TOPICS,
    PATTERN,
    MANUAL
  }

  private final String groupId;
  private final ConsumerOptions options;
  private final GroupCoordinator coordinator;
  private final OffsetCommits commits;
  private final PartitionLogs logs;
  private final TopicCatalog topics;
  private final Executor executor;

  private Mode mode = Mode.NONE;
  private Set<String> subscribedTopics = Set.of();
  private TopicPattern pattern;
  private List<TopicPartition> manualAssignment = List.of();

  private String memberId;
  private int generation = -1;
  private Set<String> joinedTopics = Set.of();
  private List<TopicPartition> owned = List.of();
  private final Map<TopicPartition, Long> positions = new HashMap<>();

  /**
   * Polls whose records are still being delivered ({@link #pollForDelivery}), each with the first
   * offset it read per partition: commits stop there until the delivery is confirmed.
   */
  private final Map<List<ConsumedRecord>, Map<TopicPartition, Long>> inDelivery =
      new IdentityHashMap<>();

  private int rotation;
  private boolean polling;
  private boolean closed;

  Consumer(
      String groupId,
      ConsumerOptions options,
      GroupCoordinator coordinator,
      OffsetCommits commits,
      PartitionLogs logs,
      TopicCatalog topics,
      Executor executor) {
    this.groupId = groupId;
    this.options = options;
    this.coordinator = coordinator;
    this.commits = commits;
    this.logs = logs;
    this.topics = topics;
    this.executor = executor;
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

  /** Subscribes to these topics, replacing any earlier list; an empty list unsubscribes. */
  public synchronized void subscribe(Collection<String> topicNames) {
    requireOpen();
    requireNotMode(Mode.MANUAL);
    requireNotMode(Mode.PATTERN);
    if (topicNames.isEmpty()) {
      unsubscribe();
      return;
    }
    topicNames.forEach(TopicName::validate);
    mode = Mode.TOPICS;
    subscribedTopics = Set.copyOf(topicNames);
    refresh(true);
  }

  /**
   * Subscribes to every topic whose whole name matches the regular expression, now or when it is
   * created later.
   */
  public synchronized void subscribe(String topicPattern) {
    requireOpen();
    requireNotMode(Mode.MANUAL);
    requireNotMode(Mode.TOPICS);
    pattern = TopicPattern.compile(topicPattern);
    mode = Mode.PATTERN;
    refresh(true);
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
    inDelivery.clear();
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

  /** Whether the partitions were assigned by hand rather than by the group. */
  public synchronized boolean manuallyAssigned() {
    return mode == Mode.MANUAL;
  }

  /**
   * The topics this consumer reads as it last heard from its group, without asking again: the
   * subscribed topics and those of the partitions it owns. For the broker's list of clients.
   */
  public synchronized Set<String> topics() {
    Set<String> names = new TreeSet<>(subscribedTopics);
    owned.forEach(partition -> names.add(partition.topic()));
    return names;
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
    refresh(true);
  }

  /** The partitions this consumer owns now, by assignment of its group or by hand. */
  public synchronized List<TopicPartition> assignment() {
    requireOpen();
    refresh(true);
    return owned;
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
    refresh(true);
    offsets.keySet().forEach(this::requireOwned);
    moveTo(offsets);
  }

  /** Sets positions by the client's choice: no delivery in flight moves them back later. */
  private void moveTo(Map<TopicPartition, Long> chosen) {
    positions.putAll(chosen);
    inDelivery.values().forEach(firsts -> firsts.keySet().removeAll(chosen.keySet()));
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
    refresh(true);
    timestamps.keySet().forEach(this::requireOwned);
    Map<TopicPartition, Long> found = new HashMap<>();
    timestamps.forEach(
        (partition, timestamp) ->
            found.put(
                partition,
                logs.offsetForTimestamp(partition.topic(), partition.partition(), timestamp)
                    .orElseGet(() -> offsetsOf(partition).lastStableOffset())));
    moveTo(found);
  }

  /** The next offset this consumer reads in each partition it owns. */
  public synchronized Map<TopicPartition, Long> positions() {
    requireOpen();
    refresh(true);
    positionOwnedPartitions();
    return Map.copyOf(positions);
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
    inDelivery.remove(records);
    notifyAll();
  }

  /**
   * The records of a {@link #pollForDelivery} never reached their client: each partition still
   * owned reads again from the first of them.
   */
  public synchronized void notDelivered(List<ConsumedRecord> records) {
    Map<TopicPartition, Long> firsts = inDelivery.remove(records);
    notifyAll();
    if (firsts != null) {
      firsts.forEach(
          (partition, first) ->
              positions.computeIfPresent(partition, (p, position) -> Math.min(position, first)));
    }
  }

  private CompletionStage<List<ConsumedRecord>> poll(
      int maxBytes, Duration maxWait, boolean untilDelivered) {
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
    List<ConsumedRecord> received = new ArrayList<>();
    if (untilDelivered) {
      synchronized (this) {
        inDelivery.put(received, new HashMap<>());
      }
    }
    CompletionStage<List<ConsumedRecord>> records;
    try {
      records = attempt(received, maxBytes, deadline, true);
    } catch (RuntimeException e) {
      pollEnded(received, false);
      throw e;
    }
    return records.whenComplete(
        (read, error) -> pollEnded(received, error == null && !read.isEmpty()));
  }

  /**
   * Commits the positions of the partitions this consumer owns: all it has returned so far. Refused
   * with {@code ILLEGAL_GENERATION} once the consumer has given a partition away in a rebalance.
   */
  public synchronized Map<TopicPartition, Long> commit() {
    requireOpen();
    awaitDeliveries();
    Map<TopicPartition, Long> all = committablePositions();
    commitPositions(all);
    return all;
  }

  /**
   * Waits (releasing the monitor) a little for responses being written: a client that commits as
   * soon as it has read a response may be faster than the server learning that it was written.
   */
  private void awaitDeliveries() {
    long deadline = System.nanoTime() + DELIVERY_WAIT.toNanos();
    try {
      for (long left = DELIVERY_WAIT.toNanos();
          left > 0 && inDelivery.values().stream().anyMatch(firsts -> !firsts.isEmpty());
          left = deadline - System.nanoTime()) {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The positions, each held back to the first record of a poll still being delivered. */
  private Map<TopicPartition, Long> committablePositions() {
    Map<TopicPartition, Long> committable = new HashMap<>(positions);
    inDelivery
        .values()
        .forEach(
            firsts ->
                firsts.forEach(
                    (partition, first) ->
                        committable.computeIfPresent(
                            partition, (p, position) -> Math.min(position, first))));
    return Map.copyOf(committable);
  }

  /** Commits the given offsets: each the next offset to read, as in Kafka. */
  public synchronized void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    requireOpen();
    if (!offsets.isEmpty()) {
      commits.commit(groupId, memberId, generation, offsets);
    }
  }

  /** The group's committed offsets of these partitions (those without a commit are left out). */
  public synchronized Map<TopicPartition, OffsetAndMetadata> committed(
      Collection<TopicPartition> partitions) {
    requireOpen();
    Map<TopicPartition, OffsetAndMetadata> all = commits.committed(groupId);
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

  /**
   * One round of a poll: learn the assignment, read what is there; if that is not enough, wait for
   * any owned partition to grow (at most a heartbeat interval) and go round again. Records already
   * read are never dropped: a failure after some were read ends the poll with them.
   */
  private CompletionStage<List<ConsumedRecord>> attempt(
      List<ConsumedRecord> received, int maxBytes, long deadline, boolean first) {
    Map<TopicPartition, Long> waitFrom;
    synchronized (this) {
      if (closed) {
        return CompletableFuture.completedFuture(received);
      }
      try {
        // Auto-commit covers what earlier polls returned, never what this one holds.
        refresh(first);
        positionOwnedPartitions();
        waitFrom = readAvailable(received, maxBytes - bytesOf(received));
      } catch (RuntimeException e) {
        if (received.isEmpty()) {
          throw e;
        }
        return CompletableFuture.completedFuture(received);
      }
    }
    long remaining = deadline - System.nanoTime();
    int bytes = bytesOf(received);
    if (bytes >= Math.max(1, options.fetchMinBytes()) || bytes >= maxBytes || remaining <= 0) {
      return CompletableFuture.completedFuture(received);
    }
    Duration wait = Duration.ofNanos(remaining);
    Duration heartbeat = waitFrom.isEmpty() ? REBALANCE_RECHECK : heartbeatInterval();
    if (wait.compareTo(heartbeat) > 0) {
      wait = heartbeat;
    }
    Duration roundWait = wait;
    return NextRound.after(
        () -> logs.awaitData(waitFrom, roundWait),
        executor,
        () -> attempt(received, maxBytes, deadline, false),
        received);
  }

  /** Reads from every owned partition; returns the positions of those that can be waited on. */
  private Map<TopicPartition, Long> readAvailable(List<ConsumedRecord> received, int budget) {
    List<TopicPartition> order = new ArrayList<>(owned);
    if (!order.isEmpty()) {
      Collections.rotate(order, -(rotation++ % order.size()));
    }
    Map<TopicPartition, Long> readable = new HashMap<>();
    for (TopicPartition partition : order) {
      if (budget <= 0) {
        readable.put(partition, positions.get(partition));
        continue;
      }
      FetchResult fetched = read(partition, budget);
      if (fetched == null) {
        continue;
      }
      Map<TopicPartition, Long> delivering = inDelivery.get(received);
      for (Record record : fetched.records()) {
        received.add(new ConsumedRecord(partition.topic(), partition.partition(), record));
        budget -= record.sizeInBytes();
        if (delivering != null) {
          delivering.putIfAbsent(partition, record.offset());
        }
      }
      positions.put(partition, fetched.nextOffset());
      readable.put(partition, fetched.nextOffset());
    }
    return readable;
  }

  /** Reads from the partition's position; null when its topic has just been deleted. */
  private FetchResult read(TopicPartition partition, int budget) {
    try {
      return logs.read(partition.topic(), partition.partition(), positions.get(partition), budget);
    } catch (TributaryException e) {
      if (e.code() == ErrorCode.OFFSET_OUT_OF_RANGE) {
        return readFromReset(partition, budget);
      }
      if (e.code() == ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) {
        return null;
      }
      throw e;
    }
  }

  /**
   * Reads from where {@code auto.offset.reset} puts the position; once more if retention moved the
   * log start between the reset and the read.
   */
  private FetchResult readFromReset(TopicPartition partition, int budget) {
    for (int attempt = 1; ; attempt++) {
      long reset = resetPosition(partition);
      positions.put(partition, reset);
      try {
        return logs.read(partition.topic(), partition.partition(), reset, budget);
      } catch (TributaryException e) {
        if (e.code() != ErrorCode.OFFSET_OUT_OF_RANGE || attempt == 2) {
          throw e;
        }
      }
    }
  }

  private long resetPosition(TopicPartition partition) {
    PartitionOffsets bounds = offsetsOf(partition);
    return options
        .autoOffsetReset()
        .startOffset(partition, bounds.logStartOffset(), bounds.lastStableOffset());
  }

  /**
   * Brings the membership up to date (join, rejoin or heartbeat) and keeps positions only of the
   * partitions still owned. With auto-commit, the positions are committed first, while this
   * consumer still owns them in the generation it knows (the coordinator accepts that during a
   * rebalance, as Kafka does), so the next owner starts where this one stopped.
   */
  private void refresh(boolean autoCommitFirst) {
    if (autoCommitFirst) {
      autoCommit();
    }
    String memberBefore = memberId;
    switch (mode) {
      case NONE -> owned = List.of();
      case MANUAL -> owned = manualAssignment.stream().filter(this::exists).toList();
      case TOPICS -> follow(subscribedTopics);
      case PATTERN -> follow(matchingTopics());
    }
    if (memberBefore != null && !memberBefore.equals(memberId)) {
      // A new member (the old one expired): start from the group's commits, not stale positions.
      positions.clear();
    }
    positions.keySet().retainAll(owned);
  }

  /** Looks up where to start in every owned partition without a position. */
  private void positionOwnedPartitions() {
    List<TopicPartition> unpositioned =
        owned.stream().filter(partition -> !positions.containsKey(partition)).toList();
    if (!unpositioned.isEmpty()) {
      positions.putAll(commits.startingOffsets(groupId, unpositioned, options.autoOffsetReset()));
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
      try {
        commitPositions(committablePositions());
      } catch (TributaryException e) {
        // Fenced or refused: those records will be delivered again, never lost.
        LOG.log(Level.FINE, "Auto-commit of group " + groupId + " refused: " + e.getMessage(), e);
      }
    }
  }

  /** Commits the given next offsets to read, with no metadata. */
  public void commitPositions(Map<TopicPartition, Long> offsets) {
    Instant now = Instant.now();
    Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    offsets.forEach(
        (partition, offset) -> commits.put(partition, new OffsetAndMetadata(offset, "", now)));
    commit(commits);
  }

  private void seekEach(Collection<TopicPartition> partitions, ToLongFunction<TopicPartition> at) {
    requireOpen();
    refresh(true);
    Collection<TopicPartition> chosen = partitions.isEmpty() ? owned : partitions;
    chosen.forEach(this::requireOwned);
    Map<TopicPartition, Long> found = new HashMap<>();
    chosen.forEach(partition -> found.put(partition, at.applyAsLong(partition)));
    moveTo(found);
  }

  /** The heartbeat interval, shorter for short sessions so a waiting consumer never expires. */
  private Duration heartbeatInterval() {
    Duration third = options.sessionTimeout().dividedBy(3);
    return third.compareTo(HEARTBEAT_INTERVAL) < 0 ? third : HEARTBEAT_INTERVAL;
  }

  private boolean exists(TopicPartition partition) {
    return topics
        .find(partition.topic())
        .filter(topic -> topic.hasPartition(partition.partition()))
        .isPresent();
  }

  private PartitionOffsets offsetsOf(TopicPartition partition) {
    return logs.offsets(partition.topic(), partition.partition());
  }

  private Set<String> matchingTopics() {
    return topics.list().stream()
        .map(TopicMetadata::name)
        .filter(pattern::matches)
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
              + (conflicting == Mode.MANUAL
                  ? "manual assignment"
                  : conflicting.name().toLowerCase(Locale.ROOT) + " subscription")
              + ". Unsubscribe first.");
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new TributaryException(ErrorCode.ILLEGAL_STATE, "This consumer has been closed.");
    }
  }

  /** A poll that returned nothing, or failed, has nothing to deliver. */
  private synchronized void pollEnded(List<ConsumedRecord> received, boolean delivering) {
    polling = false;
    if (!delivering) {
      inDelivery.remove(received);
      notifyAll();
    }
  }

  private static int bytesOf(List<ConsumedRecord> records) {
    int bytes = 0;
    for (ConsumedRecord record : records) {
      bytes += record.record().sizeInBytes();
    }
    return bytes;
  }
}
