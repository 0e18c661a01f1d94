package org.tributary.system.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;

/** The Kafka listener: stock clients sign in over SASL/PLAIN and learn the cluster. */
class ListenerKafkaIT {

  @Test
  void anAdminClientLearnsTheClusterOfOneBroker() throws Exception {
    try (Admin admin = KafkaClients.admin()) {
      DescribeClusterResult cluster = admin.describeCluster();
      Node node = cluster.nodes().get(30, TimeUnit.SECONDS).iterator().next();
      assertEquals(0, node.id());
      assertEquals(KafkaClients.bootstrap(), node.host() + ":" + node.port());
      assertEquals(0, cluster.controller().get(30, TimeUnit.SECONDS).id());
      assertFalse(cluster.clusterId().get(30, TimeUnit.SECONDS).isBlank());
    }
  }

  @Test
  void aWrongPasswordIsRefusedWithKafkasAuthenticationError() {
    try (Admin admin = Admin.create(KafkaClients.common(KafkaClients.ADMIN, "not-the-password"))) {
      ExecutionException refused =
          assertThrows(
              ExecutionException.class,
              () -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS));
      assertInstanceOf(SaslAuthenticationException.class, refused.getCause());
      assertTrue(
          refused.getCause().getMessage().contains("invalid username or password"),
          refused.getCause().getMessage());
    }
  }
}
