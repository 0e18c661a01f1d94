package org.tributary.consumer;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.group.Assignment;
import org.tributary.group.OffsetAndMetadata;
import org.tributary.topic.TopicMetadata;
import org.tributary.topic.TopicPartition;

/**
 * The consumer's side of its group, as Kafka's {@code ConsumerCoordinator}: keeps the assignment up
 * to date (join, heartbeat, rejoin as a new member once the old one expired, leave), looks up where
 * newly owned partitions start, commits with the member's generation, and auto-commits.
 *
 * <p>Not thread-safe: its {@link GroupConsumer} guards it with its monitor.
 */
final class ConsumerCoordinator {

  private static final Logger LOG = Logger.getLogger(ConsumerCoordinator.class.getName());

  private final SubscriptionState subscriptions;
  private final GroupRequests group;
  private final boolean autoCommit;
  private final Function<String, Optional<TopicMetadata>> findTopic;
  private final Supplier<List<TopicMetadata>> listTopics;
  private final Clock clock;

  private String memberId;
  private int generation = -1;
  private Set<String> joinedTopics = Set.of();

  /**
   * @param findTopic the topic of this name, if it exists now
   * @param listTopics every topic now, for a pattern subscription
   * @param clock the commit time of auto-commits and of commits without metadata
   */
  ConsumerCoordinator(
      SubscriptionState subscriptions,
      GroupRequests group,
      boolean autoCommit,
      Function<String, Optional<TopicMetadata>> findTopic,
      Supplier<List<TopicMetadata>> listTopics,
      Clock clock) {
    this.subscriptions = subscriptions;
    this.group = group;
    this.autoCommit = autoCommit;
    this.findTopic = findTopic;
    this.listTopics = listTopics;
    this.clock = clock;
  }

  /**
   * Brings the assignment up to date: by hand, the partitions that still exist; in a group, what
   * the coordinator answers. With auto-commit first, when {@code autoCommitFirst}: the positions
   * are committed while this consumer still owns them in the generation it knows (the coordinator
   * accepts that during a rebalance, as Kafka's does), so the next owner starts where it stopped.
   */
  void refreshAssignment(boolean autoCommitFirst) {
    if (autoCommitFirst) {
      maybeAutoCommit();
    }
    String memberBefore = memberId;
    List<TopicPartition> owned =
        switch (subscriptions.type()) {
          case NONE -> List.of();
          case USER_ASSIGNED ->
              subscriptions.userAssignment().stream().filter(this::exists).toList();
          case AUTO_TOPICS -> follow(subscriptions.subscribedTopics());
          case AUTO_PATTERN -> follow(subscriptions.matchingTopics(topicNames()));
        };
    if (memberBefore != null && !memberBefore.equals(memberId)) {
      // A new member (the old one expired): start from the group's commits, not stale positions.
      subscriptions.forgetPositions();
    }
    subscriptions.assign(owned);
  }

  /** Looks up where to start in every owned partition without a position. */
  void initializeMissingPositions() {
    List<TopicPartition> unpositioned = subscriptions.partitionsWithoutPosition();
    if (!unpositioned.isEmpty()) {
      subscriptions.initializePositions(group.startingOffsets().apply(unpositioned));
    }
  }

  /** The topics now, by name, sorted. */
  List<String> topicNames() {
    return listTopics.get().stream().map(TopicMetadata::name).toList();
  }

  private boolean exists(TopicPartition partition) {
    return findTopic
        .apply(partition.topic())
        .filter(topic -> topic.hasPartition(partition.partition()))
        .isPresent();
  }

  /** Joins, heartbeats or leaves so as to follow these topics; returns the partitions owned now. */
  private List<TopicPartition> follow(Set<String> wanted) {
    if (wanted.isEmpty()) {
      leaveGroup();
      return List.of();
    }
    Assignment assignment;
    if (memberId != null && wanted.equals(joinedTopics)) {
      try {
        assignment = group.heartbeat().apply(memberId);
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
    return assignment.partitions();
  }

  private Assignment join(Set<String> wanted) {
    try {
      return group.join().apply(memberId, wanted);
    } catch (TributaryException e) {
      if (memberId == null || e.code() != ErrorCode.UNKNOWN_MEMBER_ID) {
        throw e;
      }
      // The session expired while the consumer was idle: join as a new member.
      memberId = null;
      return join(wanted);
    }
  }

  void leaveGroup() {
    if (memberId == null) {
      return;
    }
    try {
      group.leave().accept(memberId);
    } catch (TributaryException e) {
      // Already expired: the group has moved on without it.
    } finally {
      memberId = null;
      generation = -1;
      joinedTopics = Set.of();
    }
  }

  /** Commits the given offsets: each the next offset to read, as in Kafka. */
  void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    if (!offsets.isEmpty()) {
      group.commit().commit(memberId, generation, offsets);
    }
  }

  /** Commits the given next offsets to read, with no metadata. */
  void commitPositions(Map<TopicPartition, Long> offsets) {
    Instant now = clock.instant();
    Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    offsets.forEach(
        (partition, offset) -> commits.put(partition, new OffsetAndMetadata(offset, "", now)));
    commit(commits);
  }

  /** With {@code enable.auto.commit}, commits the positions of what earlier polls returned. */
  void maybeAutoCommit() {
    if (autoCommit && subscriptions.hasPositions()) {
      try {
        commitPositions(subscriptions.committablePositions());
      } catch (TributaryException e) {
        // Fenced or refused: those records will be delivered again, never lost.
        LOG.log(
            Level.FINE,
            "Auto-commit of group " + group.groupId() + " refused: " + e.getMessage(),
            e);
      }
    }
  }

  /** The group's committed offsets of these partitions, in their order; uncommitted left out. */
  Map<TopicPartition, OffsetAndMetadata> committed(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> all = group.committed().get();
    Map<TopicPartition, OffsetAndMetadata> wanted = new LinkedHashMap<>();
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata committed = all.get(partition);
      if (committed != null) {
        wanted.put(partition, committed);
      }
    }
    return wanted;
  }
}
