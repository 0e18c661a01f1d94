package org.tributary.group;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tributary.audit.AuditAction;
import org.tributary.audit.AuditSubject;
import org.tributary.audit.AuditTrail;
import org.tributary.topic.TopicPartition;

/**
 * Committed offsets, persisted per (group, topic, partition). A commit joins the caller's
 * transaction when there is one (an offset reset stores its audit row with it).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class OffsetStore {

  @PersistenceContext(unitName = "tributary")
  EntityManager em;

  @Inject AuditTrail trail;

  /** Stores all of one commit request atomically. */
  public void commit(String groupId, Map<TopicPartition, OffsetAndMetadata> offsets) {
    offsets.forEach(
        (partition, committed) ->
            em.merge(
                new CommittedOffset(groupId, partition.topic(), partition.partition(), committed)));
  }

  /** Forgets the group's committed offsets of these partitions. */
  public void remove(String groupId, Collection<TopicPartition> partitions) {
    partitions.forEach(
        partition ->
            em.createNamedQuery(CommittedOffset.DELETE_PARTITION)
                .setParameter("groupId", groupId)
                .setParameter("topic", partition.topic())
                .setParameter("partition", partition.partition())
                .executeUpdate());
  }

  /**
   * Deletes, in one transaction with its audit entry, the group's committed offsets of these
   * partitions of the topic (the whole group's when the topic is null: the group is deleted) and
   * answers those it deleted.
   */
  public Map<TopicPartition, OffsetAndMetadata> delete(
      String groupId, String topic, Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> deleted = committed(groupId);
    if (topic != null) {
      deleted.keySet().retainAll(partitions);
    }
    remove(groupId, deleted.keySet());
    recordDeletion(groupId, topic, deleted);
    return deleted;
  }

  void recordDeletion(
      String groupId, String topic, Map<TopicPartition, OffsetAndMetadata> deleted) {
    Map<String, Map<Integer, Long>> offsets = new TreeMap<>();
    deleted.forEach(
        (partition, committed) ->
            offsets
                .computeIfAbsent(partition.topic(), t -> new TreeMap<>())
                .put(partition.partition(), committed.offset()));
    if (topic == null) {
      trail.record(
          AuditAction.GROUP_DELETE, AuditSubject.group(groupId), Map.of("offsets", offsets), null);
    } else {
      trail.record(
          AuditAction.GROUP_OFFSETS_DELETE,
          AuditSubject.groupTopic(groupId, topic),
          Map.of("offsets", offsets.getOrDefault(topic, Map.of())),
          null);
    }
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Map<TopicPartition, OffsetAndMetadata> committed(String groupId) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new TreeMap<>();
    em.createNamedQuery(CommittedOffset.OF_GROUP, CommittedOffset.class)
        .setParameter("groupId", groupId)
        .getResultList()
        .forEach(
            c ->
                offsets.put(new TopicPartition(c.topic(), c.partition()), c.toOffsetAndMetadata()));
    return offsets;
  }

  /** Every group's committed offsets, in one query. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Map<String, Map<TopicPartition, OffsetAndMetadata>> committedByGroup() {
    Map<String, Map<TopicPartition, OffsetAndMetadata>> byGroup = new TreeMap<>();
    em.createNamedQuery(CommittedOffset.ALL, CommittedOffset.class)
        .getResultList()
        .forEach(
            c ->
                byGroup
                    .computeIfAbsent(c.groupId(), id -> new TreeMap<>())
                    .put(new TopicPartition(c.topic(), c.partition()), c.toOffsetAndMetadata()));
    return byGroup;
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<String> groupIds() {
    return em.createNamedQuery(CommittedOffset.GROUP_IDS, String.class).getResultList();
  }

  /** Removes offsets of topics that no longer exist (a crash between the two deletions). */
  public int deleteOrphans() {
    return em.createNamedQuery(CommittedOffset.DELETE_ORPHANS).executeUpdate();
  }

  public void deleteTopic(String topic) {
    em.createNamedQuery(CommittedOffset.DELETE_TOPIC).setParameter("topic", topic).executeUpdate();
  }
}
