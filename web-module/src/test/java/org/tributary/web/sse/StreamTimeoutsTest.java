package org.tributary.web.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tributary.web.sse.StreamTimeouts.Due;

class StreamTimeoutsTest {

  private final StreamTimeouts timeouts = new StreamTimeouts(15_000, 60_000, 10_000);

  @Test
  void aHeartbeatIsDueAfterQuietOutput() {
    assertEquals(Due.NOTHING, timeouts.due(14_999, 14_999, 0));
    assertEquals(Due.HEARTBEAT, timeouts.due(15_000, 15_000, 0));
  }

  @Test
  void aStreamWithoutRecordsForTheIdleLimitEnds() {
    assertEquals(Due.IDLE, timeouts.due(60_000, 1_000, 0));
  }

  @Test
  void aStallIsGraverThanAnythingElse() {
    assertEquals(Due.STALLED, timeouts.due(60_000, 60_000, 10_000));
    assertEquals(Due.HEARTBEAT, timeouts.due(20_000, 20_000, 9_999));
  }

  @Test
  void aClientMayShortenTheIdleLimitButNotLengthenIt() {
    assertEquals(2_000, timeouts.withIdleMillis(2_000).idleMillis());
    assertEquals(60_000, timeouts.withIdleMillis(600_000).idleMillis());
  }
}
