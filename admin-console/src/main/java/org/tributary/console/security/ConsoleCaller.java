package org.tributary.console.security;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;

/** Who sent the current console request, and from where: for audits and the list of clients. */
public record ConsoleCaller(String user, String address) {

  public static ConsoleCaller current() {
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    Principal user = external.getUserPrincipal();
    return new ConsoleCaller(
        user == null ? null : user.getName(),
        ((HttpServletRequest) external.getRequest()).getRemoteAddr());
  }

  /** As the offset-reset audit names the one who executed a reset. */
  public String auditName() {
    return (user == null ? "anonymous" : user) + "@" + address + " (console)";
  }
}
