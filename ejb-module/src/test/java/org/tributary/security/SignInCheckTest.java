package org.tributary.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.tributary.security.SignIn.Outcome;

class SignInCheckTest {

  private static final UserView ALICE =
      new UserView("alice", Set.of(Roles.VIEWER), false, Instant.EPOCH, Instant.EPOCH);
  private static final String PASSWORD = "alice-password";

  private long nanos = 0;
  private final HashingLimit hashingLimit = new HashingLimit(2);
  private final SignInCheck check = new SignInCheck(new LoginThrottle(() -> nanos), hashingLimit);
  private final AtomicInteger hashes = new AtomicInteger();
  private Optional<UserView> rememberedUser = Optional.empty();

  private SignIn signIn(String password, String address) {
    return check.check("alice", address, () -> rememberedUser, hashed(password));
  }

  private Supplier<Optional<UserView>> hashed(String password) {
    return () -> {
      hashes.incrementAndGet();
      return PASSWORD.equals(password) ? Optional.of(ALICE) : Optional.empty();
    };
  }

  @Test
  void theRightPasswordSignsInAfterSixWrongOnes() {
    for (int attempt = 1; attempt <= 5; attempt++) {
      assertEquals(Outcome.WRONG_PASSWORD, signIn("guess-" + attempt, "10.0.0.1").outcome());
    }
    SignIn throttled = signIn("guess-6", "10.0.0.1");
    assertEquals(Outcome.THROTTLED, throttled.outcome());
    assertEquals(60, throttled.retryAfterSeconds());

    SignIn right = signIn(PASSWORD, "10.0.0.1");

    assertEquals(Outcome.SIGNED_IN, right.outcome());
    assertEquals(Optional.of(ALICE), right.user());
    assertEquals(Outcome.WRONG_PASSWORD, signIn("guess-7", "10.0.0.1").outcome(), "counts anew");
  }

  @Test
  void guessesFromOneAddressDoNotThrottleAnother() {
    for (int attempt = 1; attempt <= 6; attempt++) {
      signIn("guess-" + attempt, "10.6.6.6");
    }
    assertEquals(Outcome.WRONG_PASSWORD, signIn("typo", "10.0.0.1").outcome());
    assertEquals(Outcome.SIGNED_IN, signIn(PASSWORD, "10.0.0.1").outcome());
  }

  @Test
  void whileThrottledEveryCheckTakesTheOneThrottledPermitEvenWhenRemembered() {
    for (int attempt = 1; attempt <= 5; attempt++) {
      signIn("guess-" + attempt, "10.0.0.1");
    }
    rememberedUser = Optional.of(ALICE); // any password would "match": the permit must gate it
    HashingLimit.Permit busy = hashingLimit.acquire(true).orElseThrow();
    int hashesBefore = hashes.get();

    SignIn refused = signIn("guess-6", "10.0.0.1");

    assertEquals(Outcome.THROTTLED, refused.outcome());
    assertEquals(Duration.ofSeconds(1), refused.retryAfter());
    assertEquals(hashesBefore, hashes.get(), "not checked at all");
    busy.close();
    rememberedUser = Optional.empty();
    assertEquals(Outcome.SIGNED_IN, signIn(PASSWORD, "10.0.0.1").outcome());
  }

  @Test
  void aRememberedPasswordNeedsNoHashingPermitWhenNotThrottled() {
    rememberedUser = Optional.of(ALICE);
    HashingLimit.Permit first = hashingLimit.acquire(false).orElseThrow();
    HashingLimit.Permit second = hashingLimit.acquire(false).orElseThrow();

    assertEquals(Outcome.SIGNED_IN, signIn(PASSWORD, "10.0.0.1").outcome());
    assertEquals(0, hashes.get());
    first.close();
    second.close();
  }

  @Test
  void noFreeHashingPermitIsBusyForAnUnthrottledCaller() {
    HashingLimit.Permit first = hashingLimit.acquire(false).orElseThrow();
    HashingLimit.Permit second = hashingLimit.acquire(false).orElseThrow();

    SignIn busy = signIn(PASSWORD, "10.0.0.1");

    assertEquals(Outcome.BUSY, busy.outcome());
    assertEquals(0, hashes.get());
    first.close();
    second.close();
  }
}
