package org.tributary.web.security;

import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import org.tributary.security.Roles;

/**
 * The roles that may call one resource method, as the container's {@code @RolesAllowed} check
 * decides: the method's {@link RolesAllowed}, else its class's, else every role the web.xml admits.
 */
public record AllowedRoles(List<String> roles) {

  private static final List<String> SIGNED_IN =
      List.of(Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER);

  public static AllowedRoles of(Class<?> resource, Method method) {
    RolesAllowed rule = method.getAnnotation(RolesAllowed.class);
    if (rule == null) {
      rule = resource.getAnnotation(RolesAllowed.class);
    }
    return new AllowedRoles(rule == null ? SIGNED_IN : List.of(rule.value()));
  }

  /** Why a caller with these roles is refused, and what would let them through. */
  public String refusal(String user, Set<String> callerRoles) {
    String needed =
        roles.size() == 1
            ? "the role " + roles.get(0)
            : "one of the roles " + String.join(", ", roles);
    String has = callerRoles.isEmpty() ? "no roles" : "roles: " + String.join(", ", callerRoles);
    return "User '"
        + user
        + "' ("
        + has
        + ") may not do this: it takes "
        + needed
        + ". An admin can grant roles (PATCH /v3/clusters/{cluster_id}/users/"
        + user
        + ").";
  }
}
