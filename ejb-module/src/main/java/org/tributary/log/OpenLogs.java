package org.tributary.log;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Logger;
import org.tributary.errors.TributaryException;
import org.tributary.topic.TopicMetadata;

/**
 * The partition logs this server holds, by topic id and partition (Kafka's {@code LogManager}'s
 * current logs): recovered from the database, created on a partition's first use, closed with their
 * topic. Thread-safe: the map is concurrent and each {@link PartitionLog} guards its own state.
 */
final class OpenLogs {

  private static final Logger LOG = Logger.getLogger(OpenLogs.class.getName());

  private final Map<PartitionKey, PartitionLog> logs = new ConcurrentHashMap<>();
  private final Function<String, Optional<TopicMetadata>> topics;
  private volatile LogRecovery recovery;

  /**
   * @param topics the current topic of a name, if any
   */
  OpenLogs(Function<String, Optional<TopicMetadata>> topics) {
    this.topics = topics;
  }

  /** Replaces every log with the recovered ones; returns the replaced ones, for closing. */
  List<PartitionLog> recover(
      LogRecovery recovered, Collection<TopicMetadata> allTopics, List<LogExtent> extents) {
    List<PartitionLog> replaced = new ArrayList<>(logs.values());
    logs.clear();
    recovery = recovered;
    logs.putAll(recovered.logs(allTopics, extents));
    LOG.info(() -> "Recovered " + logs.size() + " partition logs");
    return replaced;
  }

  /** The partition's log, if the topic exists and has the partition. */
  PartitionLog existing(String topicName, int partition) {
    TopicMetadata topic = topic(topicName);
    if (!topic.hasPartition(partition)) {
      throw TributaryException.unknownPartition(topic.name(), partition, topic.partitions());
    }
    return log(topic, partition);
  }

  TopicMetadata topic(String topicName) {
    return topics.apply(topicName).orElseThrow(() -> TributaryException.unknownTopic(topicName));
  }

  List<PartitionLog> logsOf(TopicMetadata topic) {
    List<PartitionLog> all = new ArrayList<>(topic.partitions());
    for (int partition = 0; partition < topic.partitions(); partition++) {
      all.add(log(topic, partition));
    }
    return all;
  }

  Collection<PartitionLog> all() {
    return logs.values();
  }

  PartitionLog log(TopicMetadata topic, int partition) {
    PartitionKey key = new PartitionKey(topic.id(), partition);
    PartitionLog log = logs.get(key);
    if (log != null) {
      return log;
    }
    log = logs.computeIfAbsent(key, k -> recovery.emptyLog(topic, partition));
    if (topics.apply(topic.name()).filter(current -> current.id() == topic.id()).isEmpty()) {
      // The topic was deleted while this request held its metadata: no log may outlive it.
      // (A log that existed before the deletion is closed by it; the writer refuses those.)
      logs.remove(key, log);
      throw TributaryException.unknownTopic(topic.name());
    }
    return log;
  }

  /** Closes a deleted topic's logs: their waiting fetches fail, and appends to them are refused. */
  void close(TopicMetadata topic) {
    recovery.forget(topic.id());
    TributaryException gone = TributaryException.unknownTopic(topic.name());
    for (int partition = 0; partition < topic.partitions(); partition++) {
      PartitionLog log = logs.remove(new PartitionKey(topic.id(), partition));
      if (log != null) {
        log.close(gone);
      }
    }
  }
}
