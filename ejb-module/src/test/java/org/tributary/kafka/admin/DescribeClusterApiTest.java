package org.tributary.kafka.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeClusterRequest;
import org.apache.kafka.common.requests.DescribeClusterResponse;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.tributary.kafka.KafkaConfig;
import org.tributary.kafka.KafkaSession;
import org.tributary.kafka.ListenerAddress;
import org.tributary.kafka.SignedInSessions;
import org.tributary.security.Roles;

class DescribeClusterApiTest {

  private final DescribeClusterApi api = new DescribeClusterApi();

  DescribeClusterApiTest() {
    api.brokers = new AdminApiFakes.OneBroker();
    api.config =
        new KafkaConfig() {
          @Override
          public ListenerAddress advertised() {
            return ListenerAddress.parse("test", "broker.example:9093");
          }

          @Override
          public String clusterId() {
            return "c1";
          }
        };
  }

  private DescribeClusterResponseData describe(KafkaSession session, byte endpointType) {
    DescribeClusterRequestData data =
        new DescribeClusterRequestData()
            .setIncludeClusterAuthorizedOperations(true)
            .setEndpointType(endpointType);
    DescribeClusterRequest request = new DescribeClusterRequest.Builder(data).build((short) 2);
    return ((DescribeClusterResponse)
            api.handle(AdminApiFakes.request(request, session)).toCompletableFuture().join())
        .data();
  }

  @Test
  void oneBrokerWhichIsTheControllerAndTheUsersOperations() {
    DescribeClusterResponseData cluster =
        describe(SignedInSessions.as("v", Roles.VIEWER), (byte) 1);
    assertEquals(Errors.NONE.code(), cluster.errorCode());
    assertEquals("c1", cluster.clusterId());
    assertEquals(0, cluster.controllerId());
    assertEquals(1, cluster.brokers().size());
    assertEquals("broker.example", cluster.brokers().find(0).host());
    assertEquals(9093, cluster.brokers().find(0).port());
    assertEquals(
        Set.of(AclOperation.DESCRIBE.code(), AclOperation.DESCRIBE_CONFIGS.code()),
        Utils.from32BitField(cluster.clusterAuthorizedOperations()));
    assertTrue(
        Utils.from32BitField(
                describe(SignedInSessions.as("a", Roles.ADMIN), (byte) 1)
                    .clusterAuthorizedOperations())
            .contains(AclOperation.ALTER_CONFIGS.code()));
  }

  @Test
  void aControllerEndpointIsNotWhatABrokerAnswers() {
    assertEquals(
        Errors.UNSUPPORTED_ENDPOINT_TYPE.code(),
        describe(SignedInSessions.as("v", Roles.VIEWER), (byte) 2).errorCode());
  }
}
