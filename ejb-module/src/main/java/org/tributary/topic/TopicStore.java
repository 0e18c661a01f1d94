package org.tributary.topic;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tributary.audit.AuditAction;
import org.tributary.audit.AuditSubject;
import org.tributary.audit.AuditTrail;

/**
 * Topic rows, each change in a transaction of its own, so that {@link TopicCatalog} updates its
 * cache only after the change is durable. Each change is recorded in the {@link AuditTrail} in its
 * transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class TopicStore {

  @PersistenceContext(unitName = "tributary")
  EntityManager em;

  @Inject AuditTrail audit;

  public List<TopicMetadata> loadAll() {
    return em.createNamedQuery(Topic.ALL, Topic.class).getResultList().stream()
        .map(Topic::metadata)
        .toList();
  }

  public Optional<TopicMetadata> find(String name) {
    return em.createNamedQuery(Topic.BY_NAME, Topic.class)
        .setParameter("name", name)
        .getResultStream()
        .findFirst()
        .map(Topic::metadata);
  }

  public TopicMetadata create(String name, int partitions, TopicConfig config) {
    Topic topic = new Topic(name, partitions, config, Instant.now());
    em.persist(topic);
    em.flush();
    TopicMetadata created = topic.metadata();
    audit.record(AuditAction.TOPIC_CREATE, AuditSubject.topic(name), null, state(created));
    return created;
  }

  public TopicMetadata addPartitions(long topicId, int newCount) {
    Topic topic = em.find(Topic.class, topicId);
    int before = topic.metadata().partitions();
    topic.addPartitions(newCount);
    TopicMetadata changed = topic.metadata();
    audit.record(
        AuditAction.TOPIC_PARTITIONS,
        AuditSubject.topic(changed.name()),
        Map.of("partitions", before),
        Map.of("partitions", changed.partitions()));
    return changed;
  }

  public TopicMetadata changeConfig(long topicId, TopicConfig config) {
    Topic topic = em.find(Topic.class, topicId);
    TopicConfig before = topic.metadata().config();
    topic.changeConfig(config);
    TopicMetadata changed = topic.metadata();
    audit.record(
        AuditAction.TOPIC_CONFIG,
        AuditSubject.topic(changed.name()),
        changedValues(before, config, before),
        changedValues(before, config, config));
    return changed;
  }

  public void delete(long topicId) {
    Topic topic = em.find(Topic.class, topicId);
    if (topic != null) {
      TopicMetadata deleted = topic.metadata();
      em.remove(topic);
      audit.record(
          AuditAction.TOPIC_DELETE, AuditSubject.topic(deleted.name()), state(deleted), null);
    }
  }

  /** A topic as the trail shows it: partitions and the configs set on it. */
  private static Map<String, Object> state(TopicMetadata topic) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("partitions", topic.partitions());
    state.put("configs", new TreeMap<>(topic.config().overrides()));
    return state;
  }

  /**
   * The configs a change touched (set, changed or reset to the default), with their effective
   * values in {@code which} config.
   */
  private static Map<String, String> changedValues(
      TopicConfig before, TopicConfig after, TopicConfig which) {
    Map<String, String> values = new TreeMap<>();
    Set<String> keys = new TreeSet<>(before.overrides().keySet());
    keys.addAll(after.overrides().keySet());
    for (String key : keys) {
      if (!Objects.equals(before.overrides().get(key), after.overrides().get(key))) {
        values.put(key, which.effective().get(key));
      }
    }
    return values;
  }
}
