package org.tributary.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AuditTrailTest {

  @Test
  void theActorIsTheSignedInUserElseAnonymousOverHttpElseTheServer() {
    assertEquals("alice", AuditTrail.actor(() -> "alice", "127.0.0.1"));
    assertEquals("alice", AuditTrail.actor(() -> "alice", null));
    assertEquals("anonymous", AuditTrail.actor(() -> "ANONYMOUS", "127.0.0.1"));
    assertEquals("anonymous", AuditTrail.actor(null, "::1"));
    assertEquals("server", AuditTrail.actor(() -> "ANONYMOUS", null));
  }
}
