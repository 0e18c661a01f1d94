package org.tributary.inserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tributary.errors.TributaryException;
import org.tributary.security.Users;

/**
 * What the database holds of a user's password: a salted PBKDF2-HMAC-SHA512 hash, read straight
 * from the table as anyone with the database files could.
 */
@ExtendWith(ArquillianExtension.class)
class UsersInServerIT {

  private static final String PBKDF2 = "PBKDF2WithHmacSHA512:";

  @Inject Users users;

  @Resource(lookup = "java:app/jdbc/tributary")
  DataSource database;

  private static String name() {
    return "stored-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private String storedHash(String name) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT password_hash FROM tributary_user WHERE name = ?")) {
      query.setString(1, name);
      try (ResultSet row = query.executeQuery()) {
        assertTrue(row.next(), "a row for " + name);
        return row.getString(1);
      }
    }
  }

  @Test
  void aPasswordIsStoredAsASaltedPbkdf2HashNeverAsItself() throws SQLException {
    String ann = name();
    String bob = name();
    String password = "the-same-password-" + UUID.randomUUID();

    users.create(ann, password, Set.of("viewer"), false);
    users.create(bob, password, Set.of("viewer"), false);

    String hash = storedHash(ann);
    assertTrue(hash.startsWith(PBKDF2 + "210000:"), hash);
    assertFalse(hash.contains(password), hash);
    assertNotEquals(hash, storedHash(bob), "salted: the same password hashes differently");
    assertTrue(users.verify(ann, password).isPresent());
    assertFalse(users.verify(ann, password + "x").isPresent());
  }

  @Test
  void aPasswordSetByAnAdminIsStoredHashedAndReplacesTheOldOne() throws SQLException {
    String name = name();
    String first = "first-password-" + UUID.randomUUID();
    String second = "second-password-" + UUID.randomUUID();
    users.create(name, first, Set.of("producer"), false);
    String firstHash = storedHash(name);

    users.setPassword(name, second, true);

    String secondHash = storedHash(name);
    assertTrue(secondHash.startsWith(PBKDF2), secondHash);
    assertFalse(secondHash.contains(second), secondHash);
    assertNotEquals(firstHash, secondHash);
    assertFalse(users.verify(name, first).isPresent());
    assertTrue(users.verify(name, second).isPresent());
    assertEquals(true, users.find(name).orElseThrow().mustChangePassword());
  }

  /**
   * Wrong current passwords throttle the password change of that user only, and even throttled, the
   * right current password changes it.
   */
  @Test
  void wrongCurrentPasswordsNeitherLockOutTheUserNorAnyoneElse() {
    String password = "current-password-" + UUID.randomUUID();
    List<String> guessed = new ArrayList<>();
    for (int user = 0; user < 10; user++) {
      String name = name();
      users.create(name, password, Set.of("viewer"), false);
      guessed.add(name);
      for (int attempt = 1; attempt <= 5; attempt++) {
        String wrong = "wrong-password-" + attempt;
        TributaryException refused =
            assertThrows(
                TributaryException.class,
                () -> users.changeOwnPassword(name, wrong, "a-new-password-1"));
        assertTrue(refused.getMessage().contains("not right"), refused.getMessage());
      }
    }
    String untouched = name();
    users.create(untouched, password, Set.of("viewer"), false);

    users.changeOwnPassword(untouched, password, "a-new-password-1");
    assertTrue(
        users.verify(untouched, "a-new-password-1").isPresent(), "others' guesses count not");

    String throttled = guessed.get(0);
    TributaryException wrongAgain =
        assertThrows(
            TributaryException.class,
            () -> users.changeOwnPassword(throttled, "wrong-password-6", "a-new-password-1"));
    assertTrue(wrongAgain.getMessage().contains("try again in"), wrongAgain.getMessage());
    users.changeOwnPassword(throttled, password, "a-new-password-1");
    assertTrue(users.verify(throttled, "a-new-password-1").isPresent(), "the right one, throttled");
  }
}
