package org.tributary.web.v3;

import java.util.LinkedHashSet;
import java.util.Set;
import org.tributary.web.json.JsonBody;

/**
 * The bodies of {@code .../users}: a new user, a user's roles, a password an admin sets or users
 * change themselves. Only their shape is checked here; which names, roles and passwords are
 * acceptable is the core's {@code Users}' to say.
 */
final class UserBodies {

  /** {@code {"user_name", "password", "roles": [...], "must_change_password"}}. */
  record NewUser(String name, String password, Set<String> roles, boolean mustChangePassword) {}

  /** {@code {"password", "must_change_password"}}. */
  record NewPassword(String password, boolean mustChangePassword) {}

  /** {@code {"current_password", "new_password"}}: users change their own password. */
  record OwnPassword(String current, String replacement) {}

  private UserBodies() {}

  static NewUser newUser(String body) {
    JsonBody json = JsonBody.parse(body);
    return new NewUser(
        json.requiredString("user_name"),
        json.requiredString("password"),
        roles(json),
        mustChange(json));
  }

  /** {@code {"roles": [...]}}. */
  static Set<String> roles(String body) {
    return roles(JsonBody.parse(body));
  }

  /** Whether the body is a user's change of their own password rather than an admin's reset. */
  static boolean isOwnPassword(JsonBody json) {
    return json.has("current_password");
  }

  static NewPassword newPassword(JsonBody json) {
    return new NewPassword(json.requiredString("password"), mustChange(json));
  }

  static OwnPassword ownPassword(JsonBody json) {
    if (json.has("password") || json.has("must_change_password")) {
      throw json.invalid(
          "current_password",
          "goes with new_password only: send {\"current_password\", \"new_password\"} to"
              + " change your own password, or, as an admin, {\"password\"} to set one");
    }
    return new OwnPassword(
        json.requiredString("current_password"), json.requiredString("new_password"));
  }

  private static Set<String> roles(JsonBody json) {
    return new LinkedHashSet<>(json.requiredStrings("roles"));
  }

  private static boolean mustChange(JsonBody json) {
    return Boolean.TRUE.equals(json.optionalBoolean("must_change_password"));
  }
}
