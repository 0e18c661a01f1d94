package org.tributary.group;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.log.PartitionLogs;
import org.tributary.log.PartitionOffsets;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicMetadata;
import org.tributary.topic.TopicPartition;

/**
 * A group's committed offsets: commits (fenced by the group's membership), fetches, and where a
 * member starts reading. No database work runs under a group's monitor: a commit is validated and
 * marked in flight under it, written outside it, and its partitions are not handed to another
 * member until the write has ended (or, inside the caller's transaction, until that transaction has
 * ended), so the write cannot interleave with the rebalance that would fence it.
 */
@Singleton
@Startup
@DependsOn("PartitionLogs")
// Bean-managed: holds no state of its own; the groups' monitors guard what commits touch.
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OffsetCommits {

  static final int MAX_METADATA_LENGTH = 4096;
  private static final Logger LOG = Logger.getLogger(OffsetCommits.class.getName());

  /** How long a topic deletion waits for offset writes in flight to end. */
  static final Duration WRITES_IN_FLIGHT_WAIT = Duration.ofSeconds(10);

  @Inject ConsumerGroups groups;
  @Inject OffsetStore offsets;
  @Inject TopicCatalog topics;
  @Inject PartitionLogs logs;
  @Resource TransactionSynchronizationRegistry transactions;

  @Inject
  @ConfigProperty(name = "tributary.group.max-commit-partitions", defaultValue = "10000")
  int maxCommitPartitions;

  public OffsetCommits() {}

  OffsetCommits(
      ConsumerGroups groups,
      OffsetStore offsets,
      TopicCatalog topics,
      PartitionLogs logs,
      TransactionSynchronizationRegistry transactions,
      int maxCommitPartitions) {
    this.groups = groups;
    this.offsets = offsets;
    this.topics = topics;
    this.logs = logs;
    this.transactions = transactions;
    this.maxCommitPartitions = maxCommitPartitions;
  }

  @PostConstruct
  void removeOffsetsOfDeletedTopics() {
    int removed = offsets.deleteOrphans();
    if (removed > 0) {
      LOG.info(() -> "Removed " + removed + " committed offsets of deleted topics");
    }
  }

  /**
   * Commits offsets for a member of the group (see {@link ConsumerGroup#checkCommit}), or for a
   * consumer outside the group ({@code memberId} null, {@code generation} -1) while the group has
   * no members. Inside a JTA transaction the offsets are written in it, so they commit or roll back
   * with the caller's own work. At most {@code tributary.group.max-commit-partitions} partitions
   * per request, each of an existing topic.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public void commit(
      String groupId,
      String memberId,
      int generation,
      Map<TopicPartition, OffsetAndMetadata> commits) {
    GroupCoordinator.requireValidGroupId(groupId);
    if (commits.size() > maxCommitPartitions) {
      throw new TributaryException(
          ErrorCode.INVALID_REQUEST,
          "An offset commit may name at most "
              + maxCommitPartitions
              + " partitions (tributary.group.max-commit-partitions), this one names "
              + commits.size()
              + ". Split it.");
    }
    Set<TopicPartition> partitions = Set.copyOf(commits.keySet());
    // Validated under the monitor, so a topic deletion's barrier (removeTopic) sees the write.
    ConsumerGroup group =
        groups.inGroup(
            groupId,
            found -> {
              commits.forEach(this::requireValidCommit);
              found.checkCommit(memberId, generation, partitions);
              commits.forEach(this::requireWithinLog);
              found.beginCommit(memberId, generation, partitions);
              return found;
            });
    boolean endsWithTransaction = false;
    try {
      if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
        transactions.registerInterposedSynchronization(
            new FenceAtCommit(groups, group, memberId, generation, partitions, transactions));
        endsWithTransaction = true;
      }
      offsets.commit(groupId, commits);
    } finally {
      if (!endsWithTransaction) {
        groups.endWrite(group, partitions);
      }
    }
  }

  /**
   * Which of these partitions have a commit, reset or deletion of the group's offset being written
   * now: their committed offset is about to change (Kafka's unstable offsets).
   */
  public Set<TopicPartition> beingWritten(String groupId, Collection<TopicPartition> partitions) {
    ConsumerGroup group = groups.find(groupId);
    if (group == null) {
      return Set.of();
    }
    synchronized (group) {
      if (group.evicted()) {
        return Set.of();
      }
      return partitions.stream()
          .filter(partition -> group.writing(List.of(partition)))
          .collect(Collectors.toSet());
    }
  }

  public Map<TopicPartition, OffsetAndMetadata> committed(String groupId) {
    GroupCoordinator.requireValidGroupId(groupId);
    return offsets.committed(groupId);
  }

  /**
   * Where a member of the group starts reading a partition: after the group's committed offset, or,
   * with no commit or one that retention has passed, where {@code auto.offset.reset} says.
   */
  public long startingOffset(String groupId, TopicPartition partition, OffsetResetStrategy reset) {
    return startingOffsets(groupId, List.of(partition), reset).get(partition);
  }

  /** {@link #startingOffset} of several partitions, reading the group's commits once. */
  public Map<TopicPartition, Long> startingOffsets(
      String groupId, Collection<TopicPartition> partitions, OffsetResetStrategy reset) {
    Map<TopicPartition, OffsetAndMetadata> committed = committed(groupId);
    Map<TopicPartition, Long> starts = new HashMap<>();
    for (TopicPartition partition : partitions) {
      PartitionOffsets bounds = logs.offsets(partition.topic(), partition.partition());
      OffsetAndMetadata commit = committed.get(partition);
      starts.put(
          partition,
          commit != null
                  && commit.offset() >= bounds.logStartOffset()
                  && commit.offset() <= bounds.lastStableOffset()
              ? commit.offset()
              : reset.startOffset(partition, bounds.logStartOffset(), bounds.lastStableOffset()));
    }
    return starts;
  }

  /**
   * Removes a deleted topic's committed offsets. Each group's writes of the topic are waited for
   * first, so a commit that validated the topic before it was deleted has been stored and goes too;
   * later commits fail validation because the topic is no longer in the catalog.
   */
  public void removeTopic(String topic) {
    for (ConsumerGroup group : groups.all()) {
      synchronized (group) {
        groups.awaitWrites(group, () -> group.writing(topic), WRITES_IN_FLIGHT_WAIT);
      }
    }
    try {
      offsets.deleteTopic(topic);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Offsets of deleted topic " + topic + " stay until the next start", e);
    }
  }

  private void requireValidCommit(TopicPartition partition, OffsetAndMetadata commit) {
    TopicMetadata topic = topics.get(partition.topic());
    if (!topic.hasPartition(partition.partition())) {
      throw TributaryException.unknownPartition(
          topic.name(), partition.partition(), topic.partitions());
    }
    if (commit.offset() < 0) {
      throw new TributaryException(
          ErrorCode.OFFSET_OUT_OF_RANGE,
          "Cannot commit negative offset " + commit.offset() + " for " + partition + ".");
    }
    if (commit.metadata() != null && commit.metadata().length() > MAX_METADATA_LENGTH) {
      throw new TributaryException(
          ErrorCode.OFFSET_METADATA_TOO_LARGE,
          "Offset metadata for "
              + partition
              + " is longer than "
              + MAX_METADATA_LENGTH
              + " characters.");
    }
  }

  /** After fencing, so that a fenced member hears of its generation first, as in Kafka. */
  private void requireWithinLog(TopicPartition partition, OffsetAndMetadata commit) {
    long lastStableOffset =
        logs.offsets(partition.topic(), partition.partition()).lastStableOffset();
    if (commit.offset() > lastStableOffset) {
      // As Kafka's consumer never commits past what it could fetch: a position beyond the log's
      // end is no position at all, and lag and resets would read it as real.
      throw new TributaryException(
          ErrorCode.OFFSET_OUT_OF_RANGE,
          "Cannot commit offset "
              + commit.offset()
              + " for "
              + partition
              + ": it is beyond the high watermark "
              + lastStableOffset
              + ". Commit an offset you have consumed up to.");
    }
  }
}
