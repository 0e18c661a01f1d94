package org.tributary.topic;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.lease.WriterLease;

/**
 * All topics, cached in memory because every produce and fetch looks its topic up.
 *
 * <p>Concurrency: bean-managed, because reads (the hot path) need no lock at all; they read an
 * immutable {@link TopicMetadata} from a concurrent map. Changes are serialised on this bean and
 * update the cache only after their own transaction has committed.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TopicCatalog {

  private final Map<String, TopicMetadata> topics = new ConcurrentHashMap<>();

  private static final Logger LOG = Logger.getLogger(TopicCatalog.class.getName());

  @Inject TopicStore store;
  @Inject WriterLease writerLease;
  @Inject Event<TopicDeleted> deletions;
  @Inject Event<PartitionsChanged> partitionChanges;

  @Inject
  @ConfigProperty(name = "auto.create.topics.enable", defaultValue = "true")
  boolean autoCreateTopics;

  @Inject
  @ConfigProperty(name = "num.partitions", defaultValue = "1")
  int defaultPartitions;

  /** Reads the topics from the database; again when this server takes over writing from another. */
  @PostConstruct
  public void load() {
    store.loadAll().forEach(topic -> topics.put(topic.name(), topic));
  }

  /** {@code num.partitions}: the partitions of a topic created without a count. */
  public int defaultPartitions() {
    return defaultPartitions;
  }

  public List<TopicMetadata> list() {
    return topics.values().stream().sorted(Comparator.comparing(TopicMetadata::name)).toList();
  }

  public Collection<TopicMetadata> all() {
    return topics.values();
  }

  /**
   * The topics by name, live and read-only, for the paths of every record (produce, fetch) to read
   * without a container call on this bean.
   */
  public Map<String, TopicMetadata> byName() {
    return Collections.unmodifiableMap(topics);
  }

  /**
   * The topic, from the cache or else the database: another server of the cluster may have created
   * it since this one read the topics.
   */
  public Optional<TopicMetadata> find(String name) {
    if (name == null) {
      return Optional.empty();
    }
    TopicMetadata known = topics.get(name);
    return known != null ? Optional.of(known) : learn(name);
  }

  public TopicMetadata get(String name) {
    return find(name).orElseThrow(() -> TributaryException.unknownTopic(name));
  }

  /** The topic to produce to: created with {@code num.partitions} if auto-creation is on. */
  public TopicMetadata getForProduce(String name) {
    TopicMetadata topic = topics.get(name);
    if (topic != null) {
      return topic;
    }
    if (!autoCreateTopics) {
      throw TributaryException.unknownTopic(name);
    }
    return createIfAbsent(name);
  }

  public synchronized TopicMetadata create(
      String name, int partitions, Map<String, String> configs) {
    TopicConfig config = validateCreate(name, partitions, configs);
    return announce(remember(store.create(name, partitions, config)));
  }

  /**
   * Kafka's CreateTopics with {@code validateOnly}: every check a create makes, nothing created.
   * Answers the topic's config as it would be.
   */
  public TopicConfig validateCreate(String name, int partitions, Map<String, String> configs) {
    TopicName.validate(name);
    Topic.requireValidPartitionCount(partitions);
    TopicConfig config = TopicConfig.of(configs);
    if (find(name).isPresent()) {
      throw new TributaryException(
          ErrorCode.TOPIC_ALREADY_EXISTS, "Topic '" + name + "' already exists.");
    }
    return config;
  }

  /**
   * Kafka's CreatePartitions with {@code validateOnly}: every check {@link #addPartitions} makes,
   * nothing changed.
   */
  public void validateAddPartitions(String name, int newCount) {
    TopicMetadata topic = get(name);
    Topic.requireGrowth(topic.name(), topic.partitions(), newCount);
  }

  public synchronized TopicMetadata addPartitions(String name, int newCount) {
    return announce(remember(store.addPartitions(get(name).id(), newCount)));
  }

  public synchronized TopicMetadata alterConfig(
      String name, Map<String, String> set, Collection<String> reset) {
    TopicMetadata topic = get(name);
    TopicConfig altered = topic.config().alter(set, reset);
    return remember(store.changeConfig(topic.id(), altered));
  }

  public synchronized void delete(String name) {
    TopicMetadata topic = get(name);
    store.delete(topic.id());
    topics.remove(name);
    deletions.fire(new TopicDeleted(topic));
  }

  private synchronized TopicMetadata createIfAbsent(String name) {
    Optional<TopicMetadata> existing = find(name);
    if (existing.isPresent()) {
      return existing.get();
    }
    TopicName.validate(name);
    return announce(remember(store.create(name, defaultPartitions, TopicConfig.defaults())));
  }

  /**
   * Reads a topic this server does not know from the database, without this bean's lock (callers
   * may hold a group's) and without announcing it: only the cache learns it.
   */
  private Optional<TopicMetadata> learn(String name) {
    return store
        .find(name)
        .map(
            topic -> {
              TopicMetadata known = topics.putIfAbsent(topic.name(), topic);
              return known != null ? known : topic;
            });
  }

  /**
   * A server that does not write reads the topics again now and then: another server of the cluster
   * (the writer, or a standby an operator used) may have changed them. The writer's cache is kept
   * by its own changes, and re-read when it takes over.
   */
  @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
  void refreshUnlessWriter() {
    if (writerLease.isWriter()) {
      return;
    }
    try {
      Map<String, TopicMetadata> stored = new HashMap<>();
      store.loadAll().forEach(topic -> stored.put(topic.name(), topic));
      synchronized (this) {
        topics.putAll(stored);
        topics.keySet().retainAll(stored.keySet());
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Could not read the topics again; keeping those known", e);
    }
  }

  private TopicMetadata announce(TopicMetadata topic) {
    partitionChanges.fire(new PartitionsChanged(topic));
    return topic;
  }

  private TopicMetadata remember(TopicMetadata topic) {
    topics.put(topic.name(), topic);
    return topic;
  }
}
