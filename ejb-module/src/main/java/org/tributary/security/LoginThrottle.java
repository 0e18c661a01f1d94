package org.tributary.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing down: after {@value #NAME_THRESHOLD} failed sign-ins in a row for one
 * user name, or {@value #ADDRESS_THRESHOLD} from one address, further attempts are refused
 * unchecked for 30 s, doubling with every failure after that up to 15 minutes. A successful sign-in
 * clears the name's and the address's count (an address shared by many callers, behind a proxy or
 * NAT, would otherwise lock them all out). Thread-safe.
 */
final class LoginThrottle {

  static final int NAME_THRESHOLD = 5;
  static final int ADDRESS_THRESHOLD = 50;
  private static final Duration FIRST_LOCK = Duration.ofSeconds(30);
  private static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
  private static final int MAX_TRACKED = 10_000;

  private final Clock clock;
  private final Map<String, Failures> byName = new ConcurrentHashMap<>();
  private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

  LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /** How long attempts for this name or from this address stay refused; zero if they may try. */
  Duration lockedFor(String name, String address) {
    Instant now = clock.instant();
    Duration byNameLock = lock(byName.get(name), now);
    Duration byAddressLock = lock(byAddress.get(address), now);
    return byNameLock.compareTo(byAddressLock) >= 0 ? byNameLock : byAddressLock;
  }

  void failed(String name, String address) {
    Instant now = clock.instant();
    forget(now);
    byName.merge(name, new Failures(1, now, NAME_THRESHOLD), (old, one) -> old.again(now));
    byAddress.merge(address, new Failures(1, now, ADDRESS_THRESHOLD), (old, one) -> old.again(now));
  }

  void succeeded(String name, String address) {
    byName.remove(name);
    byAddress.remove(address);
  }

  private static Duration lock(Failures failures, Instant now) {
    if (failures == null || failures.count < failures.threshold) {
      return Duration.ZERO;
    }
    int beyond = Math.min(failures.count - failures.threshold, 10);
    Duration lock = FIRST_LOCK.multipliedBy(1L << beyond);
    Instant until = failures.last.plus(lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock);
    return now.isBefore(until) ? Duration.between(now, until) : Duration.ZERO;
  }

  /** Keeps memory bounded against guessing with ever new names or addresses. */
  private void forget(Instant now) {
    for (Map<String, Failures> map : java.util.List.of(byName, byAddress)) {
      if (map.size() >= MAX_TRACKED) {
        map.values().removeIf(failures -> failures.last.plus(LONGEST_LOCK).isBefore(now));
        if (map.size() >= MAX_TRACKED) {
          map.clear();
        }
      }
    }
  }

  private record Failures(int count, Instant last, int threshold) {
    Failures again(Instant now) {
      return new Failures(count + 1, now, threshold);
    }
  }
}
