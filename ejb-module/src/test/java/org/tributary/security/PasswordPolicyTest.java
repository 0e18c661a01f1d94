package org.tributary.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tributary.errors.TributaryException;

class PasswordPolicyTest {

  @Test
  void namesArePlainAndShort() {
    assertDoesNotThrow(() -> PasswordPolicy.requireValidName("billing-app.v2@eu"));
    assertThrows(TributaryException.class, () -> PasswordPolicy.requireValidName(""));
    assertThrows(TributaryException.class, () -> PasswordPolicy.requireValidName("a b"));
    assertThrows(TributaryException.class, () -> PasswordPolicy.requireValidName("x".repeat(65)));
  }

  @Test
  void passwordsHaveTwelveCharactersAndAreNotTheName() {
    assertDoesNotThrow(() -> PasswordPolicy.requireAcceptable("alice", "twelve-chars"));
    assertThrows(
        TributaryException.class, () -> PasswordPolicy.requireAcceptable("alice", "eleven-char"));
    assertThrows(
        TributaryException.class,
        () -> PasswordPolicy.requireAcceptable("alice-in-wonderland", "ALICE-IN-WONDERLAND"));
  }

  @Test
  void rolesAreKnownAndAtLeastOne() {
    assertDoesNotThrow(() -> PasswordPolicy.requireKnownRoles(Set.of("producer", "consumer")));
    assertThrows(TributaryException.class, () -> PasswordPolicy.requireKnownRoles(Set.of()));
    assertThrows(TributaryException.class, () -> PasswordPolicy.requireKnownRoles(Set.of("root")));
  }
}
