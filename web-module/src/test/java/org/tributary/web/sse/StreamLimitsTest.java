package org.tributary.web.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tributary.web.error.RequestRefusedException;

class StreamLimitsTest {

  @Test
  void theStreamPastAUsersBoundIsRefusedWhileOtherUsersStillOpenTheirs() {
    StreamLimits limits = new StreamLimits(2, 100);
    limits.acquire("ann");
    limits.acquire("ann");
    RequestRefusedException refused =
        assertThrows(RequestRefusedException.class, () -> limits.acquire("ann"));
    assertEquals(429, refused.status());
    assertEquals(42903, refused.errorCode());
    assertTrue(refused.getMessage().contains("tributary.http.sse.max-streams-per-user"));
    limits.acquire("bob");
    assertEquals(2, limits.openBy("ann"));
    assertEquals(3, limits.openTotal());
  }

  @Test
  void aClosedStreamFreesItsPlace() {
    StreamLimits limits = new StreamLimits(1, 100);
    limits.acquire("ann");
    limits.release("ann");
    limits.acquire("ann");
    assertEquals(1, limits.openBy("ann"));
  }

  @Test
  void theServerBoundHoldsOverAllUsers() {
    StreamLimits limits = new StreamLimits(5, 2);
    limits.acquire("ann");
    limits.acquire("bob");
    RequestRefusedException refused =
        assertThrows(RequestRefusedException.class, () -> limits.acquire("cid"));
    assertEquals(42903, refused.errorCode());
    assertTrue(refused.getMessage().contains("tributary.http.sse.max-streams"));
    limits.release("bob");
    limits.acquire("cid");
    assertEquals(2, limits.openTotal());
  }

  @Test
  void releasingMoreThanWasAcquiredChangesNothing() {
    StreamLimits limits = new StreamLimits(1, 1);
    limits.release("ann");
    assertEquals(0, limits.openTotal());
    limits.acquire("ann");
    assertEquals(1, limits.openTotal());
  }
}
