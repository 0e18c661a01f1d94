package org.tributary.consumer;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.log.Record;
import org.tributary.topic.TopicName;
import org.tributary.topic.TopicPartition;

/**
 * What a consumer reads, as Kafka's {@code SubscriptionState}: its subscription (topics, a pattern,
 * or partitions assigned by hand), the partitions it owns now, and its position in each of them,
 * held back for commits while a poll's records are still being delivered ({@link
 * PendingDeliveries}).
 *
 * <p>Not thread-safe: its {@link GroupConsumer} guards it with its monitor.
 */
final class SubscriptionState {

  /** Kafka's subscription types: one at a time, until the consumer unsubscribes. */
  enum SubscriptionType {
    NONE,
    AUTO_TOPICS,
    AUTO_PATTERN,
    USER_ASSIGNED
  }

  private SubscriptionType type = SubscriptionType.NONE;
  private Set<String> subscribedTopics = Set.of();
  private TopicPattern pattern;
  private List<TopicPartition> userAssignment = List.of();

  private List<TopicPartition> assignment = List.of();
  private final Map<TopicPartition, Long> positions = new HashMap<>();
  private final PendingDeliveries deliveries = new PendingDeliveries();

  SubscriptionType type() {
    return type;
  }

  /** Refuses {@code wanted} while the consumer uses another kind of subscription. */
  void requireCompatible(SubscriptionType wanted) {
    if (type != SubscriptionType.NONE && type != wanted) {
      throw new TributaryException(
          ErrorCode.INCONSISTENT_SUBSCRIPTION,
          "Subscription to topics, to a pattern and manual assignment are mutually exclusive;"
              + " this consumer uses "
              + describe(type)
              + ". Unsubscribe first.");
    }
  }

  private static String describe(SubscriptionType type) {
    return switch (type) {
      case AUTO_TOPICS -> "topics subscription";
      case AUTO_PATTERN -> "pattern subscription";
      case USER_ASSIGNED, NONE -> "manual assignment";
    };
  }

  /** Subscribes to these topics (at least one), replacing any earlier list. */
  void subscribe(Collection<String> topics) {
    requireCompatible(SubscriptionType.AUTO_TOPICS);
    topics.forEach(TopicName::validate);
    type = SubscriptionType.AUTO_TOPICS;
    subscribedTopics = Set.copyOf(topics);
  }

  /** Subscribes to every topic whose whole name matches the regular expression. */
  void subscribe(String regex) {
    requireCompatible(SubscriptionType.AUTO_PATTERN);
    pattern = TopicPattern.compile(regex);
    type = SubscriptionType.AUTO_PATTERN;
  }

  /** Takes these partitions (at least one) by hand, outside any group's assignment. */
  void assignFromUser(Collection<TopicPartition> partitions) {
    requireCompatible(SubscriptionType.USER_ASSIGNED);
    type = SubscriptionType.USER_ASSIGNED;
    userAssignment = List.copyOf(new TreeSet<>(partitions));
  }

  /** Forgets the subscription, the assignment, every position and every delivery in flight. */
  void unsubscribe() {
    type = SubscriptionType.NONE;
    subscribedTopics = Set.of();
    pattern = null;
    userAssignment = List.of();
    revokeAll();
    deliveries.clear();
  }

  Set<String> subscribedTopics() {
    return subscribedTopics;
  }

  /** The topics among {@code topicNames} that the pattern subscribed to matches, sorted. */
  Set<String> matchingTopics(Collection<String> topicNames) {
    Set<String> matching = new TreeSet<>();
    for (String topic : topicNames) {
      if (pattern.matches(topic)) {
        matching.add(topic);
      }
    }
    return matching;
  }

  /** The subscribed topics, sorted; for a pattern, those among {@code topicNames} it matches. */
  Set<String> subscription(Supplier<? extends Collection<String>> topicNames) {
    return switch (type) {
      case AUTO_TOPICS -> new TreeSet<>(subscribedTopics);
      case AUTO_PATTERN -> matchingTopics(topicNames.get());
      case NONE, USER_ASSIGNED -> Set.of();
    };
  }

  List<TopicPartition> userAssignment() {
    return userAssignment;
  }

  /** The subscribed topics and those of the owned partitions, sorted. */
  Set<String> topics() {
    Set<String> names = new TreeSet<>(subscribedTopics);
    assignment.forEach(partition -> names.add(partition.topic()));
    return names;
  }

  List<TopicPartition> assignment() {
    return assignment;
  }

  /** The consumer owns these partitions now: it keeps the positions of those it still owns. */
  void assign(List<TopicPartition> partitions) {
    assignment = partitions;
    positions.keySet().retainAll(partitions);
  }

  /** Owns nothing and forgets every position (deliveries in flight stay accounted for). */
  void revokeAll() {
    assignment = List.of();
    positions.clear();
  }

  /** Forgets every position, so that each owned partition starts again from the group's commit. */
  void forgetPositions() {
    positions.clear();
  }

  void requireAssigned(Collection<TopicPartition> partitions) {
    for (TopicPartition partition : partitions) {
      if (!assignment.contains(partition)) {
        throw new TributaryException(
            ErrorCode.ILLEGAL_STATE,
            "Partition "
                + partition
                + " is not assigned to this consumer, which owns "
                + assignment
                + ". Subscribe or assign it first.");
      }
    }
  }

  /** The owned partitions that have no position yet. */
  List<TopicPartition> partitionsWithoutPosition() {
    return assignment.stream().filter(partition -> !positions.containsKey(partition)).toList();
  }

  /** Sets the starting positions looked up for {@link #partitionsWithoutPosition}. */
  void initializePositions(Map<TopicPartition, Long> starts) {
    positions.putAll(starts);
  }

  /**
   * Sets positions by the client's choice, all or none: no delivery in flight moves them back
   * later, nor holds their commits back.
   */
  void seek(Map<TopicPartition, Long> offsets) {
    requireAssigned(offsets.keySet());
    positions.putAll(offsets);
    deliveries.forget(offsets.keySet());
  }

  Long position(TopicPartition partition) {
    return positions.get(partition);
  }

  /** Moves a position where {@code auto.offset.reset} put it. */
  void resetPosition(TopicPartition partition, long offset) {
    positions.put(partition, offset);
  }

  /**
   * The poll {@code received} read these records of {@code partition} (possibly none, past a gap):
   * the position moves to {@code nextOffset}.
   */
  void fetched(
      List<ConsumedRecord> received, TopicPartition partition, List<Record> records, long next) {
    if (!records.isEmpty()) {
      deliveries.read(received, partition, records.get(0).offset());
    }
    positions.put(partition, next);
  }

  boolean hasPositions() {
    return !positions.isEmpty();
  }

  Map<TopicPartition, Long> positions() {
    return Map.copyOf(positions);
  }

  /** The positions, each held back to the first record of a poll still being delivered. */
  Map<TopicPartition, Long> committablePositions() {
    return deliveries.holdBack(positions);
  }

  /** The records of this poll will reach their client later: see {@link PendingDeliveries}. */
  void startDelivery(List<ConsumedRecord> received) {
    deliveries.start(received);
  }

  /** The poll's records reached their client, or there was nothing to deliver. */
  void endDelivery(List<ConsumedRecord> received) {
    deliveries.end(received);
  }

  /** The poll's records never reached their client: each owned partition reads them again. */
  void notDelivered(List<ConsumedRecord> received) {
    deliveries
        .end(received)
        .forEach(
            (partition, first) ->
                positions.computeIfPresent(partition, (p, position) -> Math.min(position, first)));
  }

  /** Whether some poll's records, still being written, hold a commit back. */
  boolean deliveriesPending() {
    return deliveries.pending();
  }
}
