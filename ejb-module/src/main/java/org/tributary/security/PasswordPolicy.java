package org.tributary.security;

import java.util.Set;
import java.util.regex.Pattern;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

/** What user names, passwords and role sets Tributary accepts. */
final class PasswordPolicy {

  static final int MIN_PASSWORD_LENGTH = 12;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  private PasswordPolicy() {}

  static void requireValidName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new TributaryException(
          ErrorCode.INVALID_REQUEST,
          "A user name is 1 to 64 letters, digits, '.', '_', '@' or '-'.");
    }
  }

  static void requireAcceptable(String name, String password) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      throw new TributaryException(
          ErrorCode.INVALID_REQUEST,
          "A password needs at least " + MIN_PASSWORD_LENGTH + " characters.");
    }
    if (password.equalsIgnoreCase(name)) {
      throw new TributaryException(
          ErrorCode.INVALID_REQUEST, "A password must not be the user's name.");
    }
  }

  static void requireKnownRoles(Set<String> roles) {
    if (roles == null || roles.isEmpty() || !Roles.ALL.containsAll(roles)) {
      throw new TributaryException(
          ErrorCode.INVALID_REQUEST,
          "Roles must be one or more of admin, producer, consumer, viewer; were " + roles + ".");
    }
  }
}
