package org.tributary.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tributary.clients.ClientActivity;
import org.tributary.clients.ClientKind;
import org.tributary.clients.ClientView;
import org.tributary.security.Roles;
import org.tributary.security.UserView;

class KafkaClientActivityTest {

  private final ClientActivity activity = new ClientActivity();
  private final KafkaClientActivity kafka = new KafkaClientActivity(activity);
  private final KafkaSession session =
      new KafkaSession("kafka-1", new InetSocketAddress("192.0.2.7", 50000));

  @Test
  void aKafkaProducerIsTrackedUnderItsUserClientIdAndAddress() {
    session.authenticatedAs(
        new UserView("alice", Set.of(Roles.PRODUCER), false, Instant.EPOCH, Instant.EPOCH));
    session.clientId("orders-service");
    kafka.produced(session, "orders", 3, 300);

    ClientView client = activity.recent().get(0);
    assertEquals(ClientKind.PRODUCER, client.kind());
    assertEquals("alice", client.principal());
    assertEquals("orders-service", client.clientId());
    assertEquals("192.0.2.7", client.address());
    assertEquals(Set.of("orders"), client.topics());
    assertEquals(3, client.totalRecords());
  }

  @Test
  void aConsumerWithoutClientIdOrGroupIsStillListed() {
    kafka.fetched(session, null, List.of("a", "b"), 0, 0);
    ClientView client = activity.recent().get(0);
    assertEquals(ClientKind.CONSUMER, client.kind());
    assertNull(client.clientId());
    assertNull(client.principal());
    assertEquals(Set.of("a", "b"), client.topics());
  }
}
