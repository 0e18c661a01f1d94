package org.tributary.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  /** Monotonic time that the test moves; starts far from zero, as nanoTime may. */
  private long nanos = Long.MAX_VALUE - Duration.ofHours(1).toNanos();

  private final LoginThrottle throttle = new LoginThrottle(() -> nanos);

  private void fail(String name, String address, int times) {
    for (int i = 0; i < times; i++) {
      throttle.failed(name, address);
    }
  }

  private void passes(Duration time) {
    nanos += time.toNanos();
  }

  @Test
  void fiveFailuresOfANameFromAnAddressThrottleThatPairForThirtySecondsThenLonger() {
    fail("alice", "10.0.0.1", 4);
    assertEquals(Duration.ZERO, throttle.throttledFor("alice", "10.0.0.1"));
    fail("alice", "10.0.0.1", 1);
    assertEquals(Duration.ofSeconds(30), throttle.throttledFor("alice", "10.0.0.1"));
    fail("alice", "10.0.0.1", 1);
    assertEquals(Duration.ofSeconds(60), throttle.throttledFor("alice", "10.0.0.1"));
    passes(Duration.ofSeconds(61));
    assertEquals(Duration.ZERO, throttle.throttledFor("alice", "10.0.0.1"));
  }

  @Test
  void failuresFromOneAddressLeaveTheNameFreeEverywhereElse() {
    fail("alice", "10.6.6.6", 6);
    assertTrue(throttle.throttledFor("alice", "10.6.6.6").toSeconds() > 0);
    assertEquals(Duration.ZERO, throttle.throttledFor("alice", "10.0.0.1"), "alice elsewhere");
    assertEquals(Duration.ZERO, throttle.throttledFor("bob", "10.6.6.6"), "bob at that address");
  }

  @Test
  void failuresFromManyAddressesNeverAddUpForAName() {
    for (int i = 0; i < 100; i++) {
      throttle.failed("alice", "10.0.1." + i);
    }
    assertEquals(Duration.ZERO, throttle.throttledFor("alice", "10.0.2.1"));
  }

  @Test
  void theRightPasswordAfterSixWrongOnesClearsThePair() {
    fail("alice", "10.0.0.1", 6);
    assertTrue(throttle.throttledFor("alice", "10.0.0.1").toSeconds() > 0);
    throttle.succeeded("alice", "10.0.0.1");
    assertEquals(Duration.ZERO, throttle.throttledFor("alice", "10.0.0.1"));
    fail("alice", "10.0.0.1", 4);
    assertEquals(Duration.ZERO, throttle.throttledFor("alice", "10.0.0.1"), "counting anew");
  }

  @Test
  void theLockNeverExceedsFifteenMinutes() {
    fail("alice", "10.0.0.1", 40);
    assertEquals(Duration.ofMinutes(15), throttle.throttledFor("alice", "10.0.0.1"));
  }

  @Test
  void fiftyFailuresFromOneAddressThrottleEveryNameThere() {
    for (int i = 0; i < LoginThrottle.ADDRESS_THRESHOLD; i++) {
      throttle.failed("guess-" + i, "10.6.6.6");
    }
    assertTrue(throttle.throttledFor("anyone", "10.6.6.6").toSeconds() > 0);
    assertEquals(Duration.ZERO, throttle.throttledFor("anyone", "10.0.0.1"));
    throttle.succeeded("anyone", "10.6.6.6");
    assertEquals(
        Duration.ZERO,
        throttle.throttledFor("someone", "10.6.6.6"),
        "a success there clears the address: behind a proxy, the typos of many add up");
  }

  @Test
  void failuresAreForgottenFifteenMinutesAfterTheLast() {
    fail("alice", "10.0.0.1", 4);
    passes(Duration.ofMinutes(15));
    fail("alice", "10.0.0.1", 1);
    assertEquals(Duration.ZERO, throttle.throttledFor("alice", "10.0.0.1"));
  }

  /**
   * The throttle reads only monotonic time: with the lock from {@link System#nanoTime} a wall clock
   * set back an hour (the old throttle read {@code Clock.systemUTC()}, and its 30 s lock then
   * lasted an hour and 30 s) changes nothing. Here time runs over nanoTime's wrap-around too.
   */
  @Test
  void theLockEndsOnTimeAcrossTheWrapOfNanoTime() {
    nanos = Long.MAX_VALUE - Duration.ofSeconds(10).toNanos();
    fail("alice", "10.0.0.1", 5);
    passes(Duration.ofSeconds(29));
    assertEquals(Duration.ofSeconds(1), throttle.throttledFor("alice", "10.0.0.1"));
    passes(Duration.ofSeconds(1));
    assertEquals(Duration.ZERO, throttle.throttledFor("alice", "10.0.0.1"));
  }
}
