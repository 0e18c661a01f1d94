package org.tributary.kafka;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Set;
import org.tributary.security.UserView;

/** Connections' sessions for tests of the APIs: signed in as a user with these roles. */
public final class SignedInSessions {

  private SignedInSessions() {}

  public static KafkaSession withRoles(String... roles) {
    KafkaSession session =
        new KafkaSession("test-connection", new InetSocketAddress("127.0.0.1", 50_000));
    session.authenticatedAs(
        new UserView("tester", Set.of(roles), false, Instant.EPOCH, Instant.EPOCH));
    return session;
  }
}
