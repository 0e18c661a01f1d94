package org.tributary.web.v2;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import org.tributary.security.Roles;

/** Who asks to use a consumer instance: its creator may, and so may every admin. */
record InstanceCaller(String principal, boolean admin) {

  static InstanceCaller of(SecurityContext security) {
    Principal user = security.getUserPrincipal();
    return new InstanceCaller(
        user == null ? null : user.getName(), security.isUserInRole(Roles.ADMIN));
  }

  boolean mayUse(ConsumerInstance instance) {
    return admin || (principal != null && principal.equals(instance.owner()));
  }
}
