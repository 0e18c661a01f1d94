package org.tributary.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HashingLimitTest {

  private final HashingLimit limit = new HashingLimit(2);

  @Test
  void throttledCallersShareOnePermitAndLeaveTheRestToOthers() {
    Optional<HashingLimit.Permit> throttled = limit.acquire(true);
    assertTrue(throttled.isPresent());
    assertFalse(limit.acquire(true).isPresent(), "a second throttled caller is answered at once");
    Optional<HashingLimit.Permit> other = limit.acquire(false);
    assertTrue(other.isPresent(), "an unthrottled caller still hashes");
    throttled.get().close();
    other.get().close();
    assertTrue(limit.acquire(true).isPresent(), "released");
  }

  @Test
  void aThrottledCallerGetsNoPermitWhileAllAreTaken() {
    Optional<HashingLimit.Permit> first = limit.acquire(false);
    Optional<HashingLimit.Permit> second = limit.acquire(false);
    assertTrue(first.isPresent() && second.isPresent());
    assertFalse(limit.acquire(true).isPresent());
    first.get().close();
    Optional<HashingLimit.Permit> throttled = limit.acquire(true);
    assertTrue(throttled.isPresent(), "its own permit was given back when it got none");
  }
}
