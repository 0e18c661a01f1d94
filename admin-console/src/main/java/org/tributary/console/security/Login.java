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
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.tributary.console.navigation.ConsolePaths;

/** Backs the login page: hands the credentials to Jakarta Security and goes where it says. */
@Named
@RequestScoped
public class Login {

  @Inject SecurityContext security;
  @Inject FacesContext faces;

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

  public void submit() throws IOException {
    ExternalContext external = faces.getExternalContext();
    // The session that signs in gets a new id (before the answer is committed by a redirect): an
    // id someone learnt before, such as the login form's, is worth nothing afterwards.
    ((HttpServletRequest) external.getRequest()).changeSessionId();
    AuthenticationStatus status =
        security.authenticate(
            (HttpServletRequest) external.getRequest(),
            (HttpServletResponse) external.getResponse(),
            withParams()
                .newAuthentication(true)
                .credential(new UsernamePasswordCredential(username, new Password(password))));
    switch (status) {
      case SEND_CONTINUE -> faces.responseComplete();
      case SUCCESS -> external.redirect(ConsolePaths.url(external, "/index.xhtml"));
      default -> {
        // A fresh session: after a refused authentication the old one answered protected pages
        // with an empty 200 instead of the login page (seen on Payara 6.2025.10).
        external.invalidateSession();
        external.redirect(ConsolePaths.url(external, "/login.xhtml?failed=true"));
      }
    }
  }
}
