package org.tributary.topic;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * Topic rows, each change in a transaction of its own, so that {@link TopicCatalog} updates its
 * cache only after the change is durable.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class TopicStore {

  @PersistenceContext(unitName = "tributary")
  EntityManager em;

  public List<TopicMetadata> loadAll() {
    return em.createNamedQuery(Topic.ALL, Topic.class).getResultList().stream()
        .map(Topic::metadata)
        .toList();
  }

  public TopicMetadata create(String name, int partitions, TopicConfig config) {
    Topic topic = new Topic(name, partitions, config, Instant.now());
    em.persist(topic);
    em.flush();
    return topic.metadata();
  }

  public TopicMetadata addPartitions(long topicId, int newCount) {
    Topic topic = em.find(Topic.class, topicId);
    topic.addPartitions(newCount);
    return topic.metadata();
  }

  public TopicMetadata changeConfig(long topicId, TopicConfig config) {
    Topic topic = em.find(Topic.class, topicId);
    topic.changeConfig(config);
    return topic.metadata();
  }

  public void delete(long topicId) {
    Topic topic = em.find(Topic.class, topicId);
    if (topic != null) {
      em.remove(topic);
    }
  }
}
