package org.tributary.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  /** A clock the test moves. */
  private static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-11-25T12:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private final TestClock clock = new TestClock();
  private final LoginThrottle throttle = new LoginThrottle(clock);

  private void fail(String name, String address, int times) {
    for (int i = 0; i < times; i++) {
      throttle.failed(name, address);
    }
  }

  @Test
  void fiveFailuresForANameLockItForThirtySecondsThenLongerWithEveryFailure() {
    fail("alice", "10.0.0.1", 4);
    assertEquals(Duration.ZERO, throttle.lockedFor("alice", "10.0.0.1"));
    fail("alice", "10.0.0.2", 1);
    assertEquals(Duration.ofSeconds(30), throttle.lockedFor("alice", "10.0.0.3"));
    assertEquals(Duration.ZERO, throttle.lockedFor("bob", "10.0.0.3"), "other names go on");
    fail("alice", "10.0.0.2", 1);
    assertEquals(Duration.ofSeconds(60), throttle.lockedFor("alice", "10.0.0.3"));
    clock.now = clock.now.plusSeconds(61);
    assertEquals(Duration.ZERO, throttle.lockedFor("alice", "10.0.0.3"));
  }

  @Test
  void theLockNeverExceedsFifteenMinutes() {
    fail("alice", "10.0.0.1", 40);
    assertEquals(Duration.ofMinutes(15), throttle.lockedFor("alice", "10.0.0.1"));
  }

  @Test
  void aSuccessClearsTheNameAndTheAddress() {
    fail("alice", "10.0.0.1", 4);
    throttle.succeeded("alice", "10.0.0.1");
    fail("alice", "10.0.0.1", 4);
    assertEquals(Duration.ZERO, throttle.lockedFor("alice", "10.0.0.1"));
  }

  @Test
  void fiftyFailuresFromOneAddressLockItForEveryName() {
    for (int i = 0; i < LoginThrottle.ADDRESS_THRESHOLD; i++) {
      throttle.failed("guess-" + i, "10.6.6.6");
    }
    assertTrue(throttle.lockedFor("anyone", "10.6.6.6").toSeconds() > 0);
    assertEquals(Duration.ZERO, throttle.lockedFor("anyone", "10.0.0.1"));
  }
}
