package org.tributary.kafka.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeClusterResponseData.DescribeClusterBroker;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DescribeClusterRequest;
import org.apache.kafka.common.requests.DescribeClusterResponse;
import org.apache.kafka.common.utils.Utils;
import org.tributary.kafka.KafkaApi;
import org.tributary.kafka.KafkaBrokers;
import org.tributary.kafka.KafkaConfig;
import org.tributary.kafka.KafkaRequest;
import org.tributary.kafka.KafkaSession;
import org.tributary.security.Roles;

/**
 * DescribeCluster: every live server as a broker, the writer as the controller (see {@link
 * KafkaBrokers}), and the cluster id. Any signed-in user may ask, as Kafka lets any client describe
 * the cluster; the authorized operations, when asked, are what the user's roles allow on the
 * cluster.
 */
@ApplicationScoped
public class DescribeClusterApi implements KafkaApi {

  /** EndpointType (v1+): brokers; a controller endpoint is not what a broker answers. */
  private static final byte BROKER_ENDPOINT = 1;

  @Inject KafkaConfig config;
  @Inject KafkaBrokers brokers;

  @Override
  public ApiKeys key() {
    return ApiKeys.DESCRIBE_CLUSTER;
  }

  @Override
  public short maxVersion() {
    return 2;
  }

  @Override
  public CompletionStage<AbstractResponse> handle(KafkaRequest request) {
    DescribeClusterRequestData asked = request.body(DescribeClusterRequest.class).data();
    DescribeClusterResponseData answered =
        new DescribeClusterResponseData().setEndpointType(asked.endpointType());
    if (request.version() >= 1 && asked.endpointType() != BROKER_ENDPOINT) {
      return CompletableFuture.completedFuture(
          new DescribeClusterResponse(
              answered
                  .setErrorCode(Errors.UNSUPPORTED_ENDPOINT_TYPE.code())
                  .setErrorMessage(
                      "This server is a broker: it answers DescribeCluster for broker endpoints"
                          + " only.")));
    }
    KafkaBrokers.Cluster cluster = brokers.current();
    answered
        .setErrorCode(Errors.NONE.code())
        .setClusterId(config.clusterId())
        .setControllerId(cluster.controller());
    for (Node broker : cluster.brokers()) {
      answered
          .brokers()
          .add(
              new DescribeClusterBroker()
                  .setBrokerId(broker.id())
                  .setHost(broker.host())
                  .setPort(broker.port())
                  .setRack(null)
                  .setIsFenced(false));
    }
    if (asked.includeClusterAuthorizedOperations()) {
      answered.setClusterAuthorizedOperations(
          Utils.to32BitField(
              authorizedOperations(request.session()).stream()
                  .map(AclOperation::code)
                  .collect(Collectors.toSet())));
    }
    return CompletableFuture.completedFuture(new DescribeClusterResponse(answered));
  }

  /** What the session's roles allow on the cluster, in Kafka's ACL operations. */
  static Set<AclOperation> authorizedOperations(KafkaSession session) {
    if (session.hasAnyRole(Roles.ADMIN)) {
      return Set.of(
          AclOperation.ALTER,
          AclOperation.ALTER_CONFIGS,
          AclOperation.CREATE,
          AclOperation.DESCRIBE,
          AclOperation.DESCRIBE_CONFIGS,
          AclOperation.IDEMPOTENT_WRITE);
    }
    if (session.hasAnyRole(Roles.VIEWER)) {
      return Set.of(AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS);
    }
    if (session.hasAnyRole(Roles.PRODUCER)) {
      return Set.of(AclOperation.IDEMPOTENT_WRITE);
    }
    return Set.of();
  }
}
