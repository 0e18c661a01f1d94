package org.tributary.kafka.admin;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.RequestHeader;
import org.tributary.cluster.ClusterView;
import org.tributary.errors.TributaryException;
import org.tributary.kafka.KafkaBrokers;
import org.tributary.kafka.KafkaCaller;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;
import org.tributary.kafka.ListenerAddress;
import org.tributary.kafka.SignedInSessions;
import org.tributary.security.Roles;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicConfig;
import org.tributary.topic.TopicMetadata;

/** Stand-ins for the core beans the admin APIs call, for plain tests of their mapping. */
final class AdminApiFakes {

  private AdminApiFakes() {}

  /** A request of an admin. */
  static KafkaRequest request(AbstractRequest body) {
    return request(body, SignedInSessions.as("root", Roles.ADMIN));
  }

  static KafkaRequest request(AbstractRequest body, KafkaSession session) {
    ApiKeys key = body.apiKey();
    return new KafkaRequest(new RequestHeader(key, body.version(), "test", 1), body, session);
  }

  /** One broker, 0, the writer, at {@code broker.example:9093}. */
  static final class OneBroker extends KafkaBrokers {
    @Override
    protected ListenerAddress advertised() {
      return ListenerAddress.parse("test", "broker.example:9093");
    }

    @Override
    protected ClusterView view() {
      return new ClusterView(
          0,
          List.of(
              new ClusterView.Broker(
                  0, Optional.of("broker.example"), 9093, Instant.EPOCH, Instant.EPOCH)),
          Optional.of(0));
    }
  }

  /** Runs the calls directly: no request context outside a container. */
  static final class DirectCaller extends KafkaCaller {
    @Override
    public <T> T run(KafkaRequest request, Supplier<T> calls) {
      return calls.get();
    }
  }

  /** Topics in a map, with the catalog's own checks for creation. */
  static final class Topics extends TopicCatalog {
    final Map<String, TopicMetadata> created = new LinkedHashMap<>();

    @Override
    public int defaultPartitions() {
      return 3;
    }

    @Override
    public Optional<TopicMetadata> find(String name) {
      return Optional.ofNullable(created.get(name));
    }

    @Override
    public TopicMetadata get(String name) {
      return find(name).orElseThrow(() -> TributaryException.unknownTopic(name));
    }

    @Override
    public synchronized TopicMetadata create(
        String name, int partitions, Map<String, String> configs) {
      TopicConfig config = validateCreate(name, partitions, configs);
      TopicMetadata topic =
          new TopicMetadata(created.size() + 1, name, partitions, config, Instant.EPOCH);
      created.put(name, topic);
      return topic;
    }

    @Override
    public synchronized TopicMetadata alterConfig(
        String name, Map<String, String> set, java.util.Collection<String> reset) {
      TopicMetadata topic = get(name);
      TopicMetadata altered =
          new TopicMetadata(
              topic.id(),
              name,
              topic.partitions(),
              topic.config().alter(set, reset),
              topic.createdAt());
      created.put(name, altered);
      return altered;
    }

    @Override
    public void validateAddPartitions(String name, int newCount) {
      if (newCount <= get(name).partitions()) {
        throw new TributaryException(
            org.tributary.errors.ErrorCode.INVALID_PARTITIONS, "never shrink: " + name);
      }
    }

    @Override
    public synchronized TopicMetadata addPartitions(String name, int newCount) {
      validateAddPartitions(name, newCount);
      TopicMetadata topic = get(name);
      TopicMetadata grown =
          new TopicMetadata(topic.id(), name, newCount, topic.config(), topic.createdAt());
      created.put(name, grown);
      return grown;
    }

    @Override
    public synchronized void delete(String name) {
      if (created.remove(name) == null) {
        throw TributaryException.unknownTopic(name);
      }
    }

    @Override
    public TopicConfig validateCreate(String name, int partitions, Map<String, String> configs) {
      if (created.containsKey(name)) {
        throw new TributaryException(
            org.tributary.errors.ErrorCode.TOPIC_ALREADY_EXISTS, "exists: " + name);
      }
      return super.validateCreate(name, partitions, configs);
    }
  }
}
