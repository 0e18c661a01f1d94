package org.tributary.kafka.admin;

import org.tributary.kafka.KafkaSession;
import org.tributary.security.Roles;

/** Who may use the admin APIs: admins change, viewers (and admins) describe. */
final class AdminAccess {

  private AdminAccess() {}

  static boolean mayChange(KafkaSession session) {
    return session.hasAnyRole(Roles.ADMIN);
  }

  static boolean mayDescribe(KafkaSession session) {
    return session.hasAnyRole(Roles.VIEWER);
  }

  static String refusal(KafkaSession session, String what) {
    return "User '"
        + session.userName()
        + "' may not "
        + what
        + "; it takes the "
        + Roles.ADMIN
        + " role.";
  }
}
