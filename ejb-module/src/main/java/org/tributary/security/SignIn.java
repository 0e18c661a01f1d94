package org.tributary.security;

import java.time.Duration;
import java.util.Optional;

/**
 * What a sign-in came to: signed in as {@code user}, a wrong name or password, or a wrong one while
 * throttled, or not checked because every hashing permit was taken; the last two say when to try
 * again.
 */
public record SignIn(Outcome outcome, Optional<UserView> user, Duration retryAfter) {

  public enum Outcome {
    SIGNED_IN,
    WRONG_PASSWORD,
    THROTTLED,
    BUSY
  }

  static SignIn signedIn(UserView user) {
    return new SignIn(Outcome.SIGNED_IN, Optional.of(user), Duration.ZERO);
  }

  static SignIn wrongPassword() {
    return new SignIn(Outcome.WRONG_PASSWORD, Optional.empty(), Duration.ZERO);
  }

  static SignIn throttled(Duration retryAfter) {
    return new SignIn(Outcome.THROTTLED, Optional.empty(), retryAfter);
  }

  static SignIn busy() {
    return new SignIn(Outcome.BUSY, Optional.empty(), Duration.ofSeconds(1));
  }

  /** Whole seconds to wait, rounded up, at least one. */
  public long retryAfterSeconds() {
    return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }
}
