package org.tributary.kafka.fetch;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.FetchRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tributary.kafka.KafkaApi;
import org.tributary.kafka.KafkaClientActivity;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;
import org.tributary.log.EncodedBatch;
import org.tributary.log.PartitionLogs;
import org.tributary.security.Roles;
import org.tributary.topic.TopicPartition;

/**
 * Fetch (Kafka's {@code KafkaApis.handleFetchRequest}) for consumers: stored batches as they are,
 * up to the last stable offset, long-polling without a thread ({@link FetchOperation}). Versions 4
 * to 12: v13 and later name topics by id, which Tributary's topics do not have. Fetch sessions are
 * not kept: every answer is full and sessionless (id 0), so clients keep sending full requests. Who
 * may read a partition over HTTP (consumer, viewer, admin) may fetch; anyone else gets {@code
 * TOPIC_AUTHORIZATION_FAILED} per partition, as do replica fetches: Tributary has no followers.
 */
@ApplicationScoped
public class FetchApi implements KafkaApi {

  /** Kafka's {@code fetch.max.bytes}: the most one Fetch answers, whatever the client asks. */
  @Inject
  @ConfigProperty(name = "fetch.max.bytes", defaultValue = "57671680")
  int fetchMaxBytes;

  /**
   * The longest a fetch waits, whatever it asks (as the HTTP reads): a wait is not cancelled when
   * its connection closes, so a client reconnecting with huge waits must not pile them up.
   */
  static final long MAX_WAIT_MS = 300_000;

  @Inject PartitionLogs logs;
  @Inject KafkaClientActivity clients;

  private FetchOperation operation;

  public FetchApi() {}

  FetchApi(FetchOperation operation, int fetchMaxBytes, KafkaClientActivity clients) {
    this.operation = operation;
    this.fetchMaxBytes = fetchMaxBytes;
    this.clients = clients;
  }

  @PostConstruct
  void start() {
    operation =
        new FetchOperation(
            logs::readBatches,
            logs::awaitData,
            logs.completions(),
            Clock.systemUTC(),
            logs::fetchSent);
  }

  @Override
  public ApiKeys key() {
    return ApiKeys.FETCH;
  }

  @Override
  public short maxVersion() {
    return 12;
  }

  @Override
  public Errors notWriterError() {
    return Errors.NOT_LEADER_OR_FOLLOWER;
  }

  /** Refusals are per partition, so that a consumer sees {@code TopicAuthorizationException}. */
  @Override
  public boolean permits(KafkaSession session) {
    return true;
  }

  @Override
  public CompletionStage<AbstractResponse> handle(KafkaRequest request) {
    FetchRequest fetch = request.body(FetchRequest.class);
    if (!fetch.metadata().isFull()) {
      return CompletableFuture.completedFuture(FetchResponses.sessionNotFound());
    }
    List<PartitionFetch> partitions = new ArrayList<>();
    for (Map.Entry<TopicIdPartition, FetchRequest.PartitionData> asked :
        fetch.fetchData(Map.of()).entrySet()) {
      partitions.add(
          new PartitionFetch(
              new TopicPartition(asked.getKey().topic(), asked.getKey().partition()),
              asked.getValue().fetchOffset,
              asked.getValue().maxBytes));
    }
    if (fetch.isFromFollower() || !mayRead(request.session())) {
      List<FetchedPartition> refused = new ArrayList<>(partitions.size());
      partitions.forEach(
          partition ->
              refused.add(
                  FetchedPartition.failed(
                      partition.partition(), Errors.TOPIC_AUTHORIZATION_FAILED)));
      return CompletableFuture.completedFuture(
          FetchResponses.of(refused, fetch.isolationLevel(), request.version()));
    }
    int maxBytes = Math.min(fetch.maxBytes(), fetchMaxBytes);
    FetchParams params =
        new FetchParams(
            Math.min(fetch.maxWait(), MAX_WAIT_MS), Math.min(fetch.minBytes(), maxBytes), maxBytes);
    return operation
        .fetch(partitions, params)
        .thenApply(
            read -> {
              reportFetched(request.session(), read);
              return FetchResponses.of(read, fetch.isolationLevel(), request.version());
            });
  }

  /** The console's Clients page and the client rates count what this answer carries. */
  private void reportFetched(KafkaSession session, List<FetchedPartition> read) {
    Set<String> topics = new TreeSet<>();
    int records = 0;
    long bytes = 0;
    for (FetchedPartition partition : read) {
      topics.add(partition.partition().topic());
      if (partition.read() != null) {
        for (EncodedBatch batch : partition.read().batches()) {
          records += batch.recordCount();
        }
        bytes += partition.sizeInBytes();
      }
    }
    clients.fetched(session, null, topics, records, bytes);
  }

  static boolean mayRead(KafkaSession session) {
    return session.hasAnyRole(Roles.CONSUMER, Roles.VIEWER);
  }
}
