package org.tributary.console.security;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.tributary.console.navigation.ConsolePaths;
import org.tributary.security.Roles;
import org.tributary.security.Users;

/**
 * Backs the login page: hands the credentials to Jakarta Security and goes where it says. A refusal
 * says why only as far as it gives nothing away: a wrong name and a wrong password read the same,
 * and the sign-in throttle applies to names that do not exist as well. A user with neither the
 * admin nor the viewer role (producers, consumers: users of the HTTP API) is told so once the
 * password proved who they are.
 */
@Named
@RequestScoped
public class Login {

  @Inject SecurityContext security;
  @Inject FacesContext faces;
  @Inject Users users;
  @Inject ConsoleAuthentication authentication;

  private String username;
  private String password;

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public void submit() throws IOException, ServletException {
    ExternalContext external = faces.getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    // The session that signs in gets a new id (before the answer is committed by a redirect): an
    // id someone learnt before, such as the login form's, is worth nothing afterwards.
    request.changeSessionId();
    AuthenticationStatus status =
        security.authenticate(
            request,
            (HttpServletResponse) external.getResponse(),
            withParams()
                .newAuthentication(true)
                .credential(new UsernamePasswordCredential(username, new Password(password))));
    switch (status) {
      case SEND_CONTINUE -> faces.responseComplete();
      case SUCCESS -> {
        if (security.isCallerInRole(Roles.ADMIN) || security.isCallerInRole(Roles.VIEWER)) {
          external.redirect(ConsolePaths.url(external, "/index.xhtml"));
        } else {
          request.logout();
          external.invalidateSession();
          external.redirect(ConsolePaths.url(external, "/login.xhtml?noConsoleAccess=true"));
        }
      }
      default -> {
        // A fresh session: after a refused authentication the old one answered protected pages
        // with an empty 200 instead of the login page (seen on Payara 6.2025.10).
        external.invalidateSession();
        Duration throttled = users.throttled(username, authentication.clientAddress(request));
        external.redirect(
            ConsolePaths.url(
                external,
                throttled.isZero()
                    ? "/login.xhtml?failed=true"
                    : "/login.xhtml?throttled=" + (throttled.toSeconds() + 1)));
      }
    }
  }

  /**
   * How many seconds the login page says to wait, from its {@code throttled} parameter; 0 when
   * there is none or it is not a positive number (the page shows only a number).
   */
  public int getThrottledSeconds() {
    String seconds = faces.getExternalContext().getRequestParameterMap().get("throttled");
    try {
      return seconds == null ? 0 : Math.max(0, Integer.parseInt(seconds));
    } catch (NumberFormatException notANumber) {
      return 0;
    }
  }
}
