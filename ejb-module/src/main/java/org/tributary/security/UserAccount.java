package org.tributary.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A user who signs in to the console or the HTTP API: a salted PBKDF2 hash of the password (never
 * the password), the roles, and whether the password must be changed at the next console sign-in.
 */
@Entity
@Table(name = "tributary_user")
@NamedQuery(name = UserAccount.ALL, query = "SELECT u FROM UserAccount u ORDER BY u.name")
public class UserAccount {

  static final String ALL = "UserAccount.all";

  @Id
  @Column(name = "name", length = 64)
  private String name;

  @Column(name = "password_hash", nullable = false, length = 512)
  private String passwordHash;

  /** Comma-separated role names. */
  @Column(name = "roles", nullable = false, length = 255)
  private String roles;

  @Column(name = "must_change_password", nullable = false)
  private boolean mustChangePassword;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "password_changed_at", nullable = false)
  private Instant passwordChangedAt;

  protected UserAccount() {}

  UserAccount(String name, String passwordHash, Set<String> roles, boolean mustChangePassword) {
    this.name = name;
    this.createdAt = Instant.now();
    setPassword(passwordHash, mustChangePassword);
    setRoles(roles);
  }

  String name() {
    return name;
  }

  String passwordHash() {
    return passwordHash;
  }

  Set<String> roles() {
    return Arrays.stream(roles.split(","))
        .filter(role -> !role.isEmpty())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  boolean mustChangePassword() {
    return mustChangePassword;
  }

  void setPassword(String passwordHash, boolean mustChangePassword) {
    this.passwordHash = passwordHash;
    this.mustChangePassword = mustChangePassword;
    this.passwordChangedAt = Instant.now();
  }

  void setRoles(Set<String> roles) {
    this.roles = String.join(",", new TreeSet<>(roles));
  }

  UserView view() {
    return new UserView(name, roles(), mustChangePassword, createdAt, passwordChangedAt);
  }
}
