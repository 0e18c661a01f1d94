package org.tributary.console.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;
import org.tributary.console.navigation.ConsolePaths;
import org.tributary.security.Roles;

/** Who is signed in, whether they may change things, and signing out. */
@Named
@RequestScoped
public class CurrentUser {

  @Inject SecurityContext security;
  @Inject FacesContext faces;

  public String getName() {
    Principal caller = security.getCallerPrincipal();
    return caller == null ? null : caller.getName();
  }

  /** Whether the change buttons show; {@link ChangeActionInterceptor} refuses changes anyway. */
  public boolean isAdmin() {
    return security.isCallerInRole(Roles.ADMIN);
  }

  public String getRole() {
    return isAdmin() ? Roles.ADMIN : Roles.VIEWER;
  }

  public void logout() throws ServletException, IOException {
    ExternalContext external = faces.getExternalContext();
    ((HttpServletRequest) external.getRequest()).logout();
    external.invalidateSession();
    external.redirect(ConsolePaths.url(external, "/login.xhtml"));
  }
}
