package org.tributary.kafka;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Set;
import org.tributary.security.UserView;

/** Sessions signed in as a user with given roles, for tests of the APIs' handlers. */
public final class SignedInSessions {

  private SignedInSessions() {}

  public static KafkaSession as(String user, String... roles) {
    KafkaSession session = new KafkaSession("kafka-1", new InetSocketAddress("127.0.0.1", 50000));
    session.authenticatedAs(new UserView(user, Set.of(roles), false, Instant.EPOCH, Instant.EPOCH));
    return session;
  }
}
