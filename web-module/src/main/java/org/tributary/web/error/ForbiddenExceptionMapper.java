package org.tributary.web.error;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import java.util.TreeSet;
import org.tributary.security.Roles;
import org.tributary.web.security.AllowedRoles;

/**
 * A signed-in caller without a role the resource method takes: 403 with 40301. Payara enforces
 * {@code @RolesAllowed} on JAX-RS resources in every WAR (its {@code RolesAllowedDynamicFeature},
 * registered before the method runs or its body is read, so a refused call changes nothing), but
 * its refusal says only "Caller not in requested role"; this one says which role is missing.
 */
@Provider
public class ForbiddenExceptionMapper implements ExceptionMapper<ForbiddenException> {

  @Context ResourceInfo resource;
  @Context SecurityContext caller;

  @Override
  public Response toResponse(ForbiddenException e) {
    if (resource.getResourceMethod() == null || caller.getUserPrincipal() == null) {
      return ErrorResponses.of(403, 40301, "Forbidden: " + e.getMessage());
    }
    AllowedRoles allowed =
        AllowedRoles.of(resource.getResourceClass(), resource.getResourceMethod());
    if (allowed.roles().stream().anyMatch(caller::isUserInRole)) {
      return ErrorResponses.of(403, 40301, "Forbidden: " + e.getMessage()); // not for a role
    }
    Set<String> callerRoles = new TreeSet<>();
    Roles.ALL.stream().filter(caller::isUserInRole).forEach(callerRoles::add);
    return ErrorResponses.of(
        403, 40301, allowed.refusal(caller.getUserPrincipal().getName(), callerRoles));
  }
}
