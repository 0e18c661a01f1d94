package org.tributary.console.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.tributary.audit.RequestOrigin;
import org.tributary.console.navigation.ConsolePaths;
import org.tributary.security.SignIn;
import org.tributary.security.TrustedProxies;
import org.tributary.security.UserView;
import org.tributary.security.Users;

/**
 * How console users prove who they are: the login page hands the credentials over with {@code
 * SecurityContext.authenticate} ({@link Login}), they sign in through {@link Users#signIn} at the
 * client's address ({@link TrustedProxies}), and the session stays signed in until the user's
 * password changes (or the user goes). A protected page asked for without it goes to the login
 * page. Which pages need which roles is the web.xml's business, not this class's.
 */
@ApplicationScoped
public class ConsoleAuthentication implements HttpAuthenticationMechanism {

  private static final String SIGNED_IN = ConsoleAuthentication.class.getName() + ".caller";

  @Inject Users users;
  @Inject TrustedProxies proxies;
  @Inject RequestOrigin origin;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    // Every console request, session or sign-in, tells the core where it comes from (audit trail).
    origin.from(clientAddress(request));
    Credential credential = context.getAuthParameters().getCredential();
    if (credential instanceof UsernamePasswordCredential login) {
      SignIn signIn =
          users.signIn(login.getCaller(), login.getPasswordAsString(), origin.address());
      if (signIn.user().isEmpty()) {
        return AuthenticationStatus.SEND_FAILURE;
      }
      UserView user = signIn.user().get();
      request.getSession().setAttribute(SIGNED_IN, SignedIn.as(user));
      return context.notifyContainerAboutLogin(user.name(), user.roles());
    }
    HttpSession session = request.getSession(false);
    SignedIn signedIn = session == null ? null : (SignedIn) session.getAttribute(SIGNED_IN);
    if (signedIn != null) {
      // Roles as they are now: an admin may have changed them. A session signed in with a
      // password that has changed since (or of a user deleted since) ends here.
      Optional<UserView> user = users.find(signedIn.name()).filter(signedIn::stillValidFor);
      if (user.isPresent()) {
        return context.notifyContainerAboutLogin(user.get().name(), user.get().roles());
      }
      session.removeAttribute(SIGNED_IN);
    }
    if (context.isProtected()) {
      return context.redirect(ConsolePaths.url(request, "/login.xhtml"));
    }
    return context.doNothing();
  }

  /** The address the sign-in throttle counts this request's failures against. */
  String clientAddress(HttpServletRequest request) {
    return proxies.clientAddress(
        request.getRemoteAddr(), request.getHeaders(TrustedProxies.FORWARDED_FOR));
  }

  /**
   * The console session of a user who changed their own password goes on with the new one; their
   * other sessions end.
   */
  public static void passwordChanged(HttpServletRequest request, UserView changed) {
    HttpSession session = request.getSession(false);
    if (session != null
        && session.getAttribute(SIGNED_IN) instanceof SignedIn signedIn
        && signedIn.name().equals(changed.name())) {
      session.setAttribute(SIGNED_IN, SignedIn.as(changed));
    }
  }

  /**
   * Who signed in to this console session, and when the password they proved was set; the roles are
   * read afresh on every request.
   */
  record SignedIn(String name, Instant passwordChangedAt) implements Serializable {

    static SignedIn as(UserView user) {
      return new SignedIn(user.name(), millis(user.passwordChangedAt()));
    }

    boolean stillValidFor(UserView user) {
      return millis(user.passwordChangedAt()).equals(passwordChangedAt);
    }

    /** The database may keep fewer digits than the clock gave. */
    private static Instant millis(Instant instant) {
      return instant.truncatedTo(ChronoUnit.MILLIS);
    }
  }
}
