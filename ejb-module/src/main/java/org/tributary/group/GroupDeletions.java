package org.tributary.group;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicMetadata;
import org.tributary.topic.TopicPartition;

/**
 * Kafka's DeleteGroups and OffsetDelete: a group deleted with all its committed offsets, refused
 * while it has members; some of a group's committed offsets of one topic deleted, refused while a
 * live member subscribes to that topic.
 *
 * <p>As an offset reset does, a deletion waits for the offset writes in flight and marks what it
 * deletes under the group's monitor, then deletes in one transaction outside it: no commit of those
 * partitions starts, and no member is handed them, until the deletion has been written.
 */
@Singleton
// Bean-managed: holds no state of its own; the groups' monitors guard what deletions touch.
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class GroupDeletions {

  @Inject ConsumerGroups groups;
  @Inject OffsetStore offsets;
  @Inject TopicCatalog topics;

  public GroupDeletions() {}

  GroupDeletions(ConsumerGroups groups, OffsetStore offsets, TopicCatalog topics) {
    this.groups = groups;
    this.offsets = offsets;
    this.topics = topics;
  }

  /**
   * Deletes the group: its committed offsets, and its state in memory. Refused while it has members
   * ({@code NON_EMPTY_GROUP}); an unknown group is {@code GROUP_ID_NOT_FOUND}.
   */
  public OffsetDeletion deleteGroup(String groupId) {
    requireKnown(groupId);
    ConsumerGroup group = groups.inGroup(groupId, this::beginDelete);
    try {
      return new OffsetDeletion(groupId, offsets.delete(groupId, null, null));
    } finally {
      groups.endDelete(group);
      groups.evictIfIdle(groupId, Duration.ZERO);
    }
  }

  /**
   * Deletes the group's committed offsets of these partitions of the topic (all of them when null).
   * Refused while a member of the group subscribes to the topic ({@code
   * GROUP_SUBSCRIBED_TO_TOPIC}); allowed while members consume other topics.
   */
  public OffsetDeletion deleteOffsets(String groupId, String topicName, List<Integer> partitions) {
    requireKnown(groupId);
    TopicMetadata topic = topics.get(topicName);
    Collection<Integer> chosen =
        partitions == null ? IntStream.range(0, topic.partitions()).boxed().toList() : partitions;
    Set<TopicPartition> deleting = new TreeSet<>();
    for (int partition : chosen) {
      if (!topic.hasPartition(partition)) {
        throw TributaryException.unknownPartition(topic.name(), partition, topic.partitions());
      }
      deleting.add(new TopicPartition(topic.name(), partition));
    }
    ConsumerGroup group =
        groups.inGroup(groupId, found -> beginOffsetDelete(found, topic.name(), deleting));
    try {
      return new OffsetDeletion(groupId, offsets.delete(groupId, topic.name(), deleting));
    } finally {
      groups.endWrite(group, deleting);
      groups.evictIfIdle(groupId, Duration.ZERO);
    }
  }

  /** A group is known while it is in memory or has committed offsets. */
  private void requireKnown(String groupId) {
    GroupCoordinator.requireValidGroupId(groupId);
    if (groups.find(groupId) == null && offsets.committed(groupId).isEmpty()) {
      throw new TributaryException(
          ErrorCode.GROUP_ID_NOT_FOUND,
          "Consumer group '"
              + groupId
              + "' not found: it has neither members nor committed offsets.");
    }
  }

  /** Under the group's monitor: no member, no write in flight, then the group is ours. */
  private ConsumerGroup beginDelete(ConsumerGroup group) {
    groups.beginDelete(group, () -> requireNoMembers(group));
    return group;
  }

  /** Under the group's monitor: nobody subscribes to the topic, then these partitions are ours. */
  private ConsumerGroup beginOffsetDelete(
      ConsumerGroup group, String topic, Set<TopicPartition> deleting) {
    groups.beginReset(group, deleting, () -> requireNoSubscribers(group, topic), "deletion");
    return group;
  }

  private static void requireNoMembers(ConsumerGroup group) {
    if (group.hasMembers()) {
      throw new TributaryException(
          ErrorCode.NON_EMPTY_GROUP,
          "Group '"
              + group.groupId()
              + "' has "
              + members(group.memberCount())
              + "; stop its consumers (delete their consumer instances, or wait for their"
              + " sessions to expire) before deleting the group.");
    }
  }

  private static void requireNoSubscribers(ConsumerGroup group, String topic) {
    int subscribers = group.subscribersOf(topic);
    if (subscribers > 0) {
      throw new TributaryException(
          ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC,
          "Group '"
              + group.groupId()
              + "' has "
              + members(subscribers)
              + " subscribed to topic '"
              + topic
              + "'; stop them, or have them unsubscribe from it, before deleting its offsets.");
    }
  }

  private static String members(int count) {
    return count == 1 ? "1 active member" : count + " active members";
  }
}
