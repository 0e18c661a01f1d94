package org.tributary.security;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One password check behind a {@link LoginThrottle} and the {@link HashingLimit}. The right
 * password is never refused for guesses: throttled or not, it is checked. Unthrottled, a remembered
 * verification answers without hashing; throttled, the password is checked only behind the
 * throttled callers' one hashing permit, remembered or not, so that guessing goes no faster than
 * one hash at a time, and a wrong one answers {@link SignIn.Outcome#THROTTLED}.
 */
final class SignInCheck {

  private final LoginThrottle throttle;
  private final HashingLimit hashingLimit;

  SignInCheck(LoginThrottle throttle, HashingLimit hashingLimit) {
    this.throttle = throttle;
    this.hashingLimit = hashingLimit;
  }

  /**
   * Checks a password of {@code name} from {@code address}: {@code remembered} answers the user if
   * the password is one verified lately (cheap), {@code hashed} if it matches the stored hash.
   */
  SignIn check(
      String name,
      String address,
      Supplier<Optional<UserView>> remembered,
      Supplier<Optional<UserView>> hashed) {
    boolean throttled = !throttledFor(name, address).isZero();
    Optional<UserView> user = throttled ? Optional.empty() : remembered.get();
    if (user.isEmpty()) {
      Optional<HashingLimit.Permit> permit = hashingLimit.acquire(throttled);
      if (permit.isEmpty()) {
        return throttled ? SignIn.throttled(Duration.ofSeconds(1)) : SignIn.busy();
      }
      try (HashingLimit.Permit held = permit.get()) {
        user = remembered.get().or(hashed);
      }
    }
    if (user.isPresent()) {
      throttle.succeeded(name, address);
      return SignIn.signedIn(user.get());
    }
    throttle.failed(name, address);
    return throttled ? SignIn.throttled(throttledFor(name, address)) : SignIn.wrongPassword();
  }

  /** How long this name from this address is throttled; zero when it is not. */
  Duration throttledFor(String name, String address) {
    return throttle.throttledFor(name, address);
  }
}
