package org.tributary.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows password guessing down without ever locking out the right password. Failed sign-ins are
 * counted per (name, address) and per address: from the {@value #PAIR_THRESHOLD}th failure in a row
 * of one name from one address, or the {@value #ADDRESS_THRESHOLD}th from one address, that pair
 * (or address) is throttled for 30 s, doubling with every further failure up to 15 minutes.
 *
 * <p>Throttled is not refused: {@link SignInCheck} still checks the password, through the narrow
 * gate of {@link HashingLimit}; a right one signs in and clears its pair and its address, a wrong
 * one is answered 429 instead of 401. A guesser elsewhere therefore never locks a user out, and one
 * behind the same address only makes their wrong guesses slower. A count is forgotten 15 minutes
 * after its last failure.
 *
 * <p>Time is the monotonic {@code nanoTime}: a wall clock set back does not stretch a lock. Thread
 * safe.
 */
final class LoginThrottle {

  static final int PAIR_THRESHOLD = 5;
  static final int ADDRESS_THRESHOLD = 50;
  private static final long FIRST_LOCK = Duration.ofSeconds(30).toNanos();
  private static final long LONGEST_LOCK = Duration.ofMinutes(15).toNanos();
  private static final int MAX_TRACKED = 10_000;

  private final LongSupplier nanoTime;
  private final Map<Pair, Failures> byPair = new ConcurrentHashMap<>();
  private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

  /** {@code nanoTime}: {@code System::nanoTime}, or a test's ticker. */
  LoginThrottle(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** How long this name from this address stays throttled; zero when it is not. */
  Duration throttledFor(String name, String address) {
    long now = nanoTime.getAsLong();
    long byPairLock = lock(byPair.get(new Pair(name, address)), PAIR_THRESHOLD, now);
    long byAddressLock = lock(byAddress.get(address), ADDRESS_THRESHOLD, now);
    return Duration.ofNanos(Math.max(byPairLock, byAddressLock));
  }

  void failed(String name, String address) {
    long now = nanoTime.getAsLong();
    forget(now);
    byPair.merge(new Pair(name, address), new Failures(1, now), (old, one) -> old.again(now));
    byAddress.merge(address, new Failures(1, now), (old, one) -> old.again(now));
  }

  /**
   * The right password: the pair and the address start afresh (the address's count would otherwise
   * add up the typos of everyone behind one proxy).
   */
  void succeeded(String name, String address) {
    byPair.remove(new Pair(name, address));
    byAddress.remove(address);
  }

  private static long lock(Failures failures, int threshold, long now) {
    if (failures == null || failures.forgotten(now) || failures.count < threshold) {
      return 0;
    }
    int beyond = Math.min(failures.count - threshold, 10);
    long until = failures.last + Math.min(FIRST_LOCK << beyond, LONGEST_LOCK);
    return Math.max(0, until - now);
  }

  /** Keeps memory bounded against guessing with ever new names or addresses. */
  private void forget(long now) {
    for (Map<?, Failures> map : List.of(byPair, byAddress)) {
      if (map.size() >= MAX_TRACKED) {
        map.values().removeIf(failures -> failures.forgotten(now));
        if (map.size() >= MAX_TRACKED) {
          map.clear();
        }
      }
    }
  }

  private record Pair(String name, String address) {}

  /** {@code count} failures in a row, the last at {@code last} (nanoTime). */
  private record Failures(int count, long last) {
    Failures again(long now) {
      return forgotten(now) ? new Failures(1, now) : new Failures(count + 1, now);
    }

    boolean forgotten(long now) {
      return now - last >= LONGEST_LOCK;
    }
  }
}
