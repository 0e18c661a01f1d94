package org.tributary.inserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
}
