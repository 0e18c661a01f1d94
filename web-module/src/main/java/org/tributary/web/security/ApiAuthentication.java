package org.tributary.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.tributary.audit.RequestOrigin;
import org.tributary.security.SignIn;
import org.tributary.security.TrustedProxies;
import org.tributary.security.UserView;
import org.tributary.security.Users;
import org.tributary.web.error.ErrorResponses;
import org.tributary.web.v3.Cluster;

/**
 * How API callers prove who they are: HTTP Basic on every request, as REST Proxy clients send it,
 * signed in through {@link Users#signIn} at the client's address ({@link TrustedProxies}), which it
 * also hands to the core as the request's {@link RequestOrigin} (for the audit trail). A refusal
 * answers with the API's error body. A browser's first visit, at {@code /}, goes to the console,
 * which signs in with its own form. Which paths need which roles is the web.xml's and the
 * resources' business, not this class's.
 */
@ApplicationScoped
public class ApiAuthentication implements HttpAuthenticationMechanism {

  private static final String CONSOLE = "/console/";
  private static final String EMBEDDED_REST = "/kafka";

  @Inject Users users;
  @Inject TrustedProxies proxies;
  @Inject Cluster cluster;
  @Inject RequestOrigin origin;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    origin.from(clientAddress(request));
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return basic(header.substring(6).trim(), request, response, context);
    }
    if (request.getRequestURI().equals("/")) {
      return context.redirect(CONSOLE); // a browser's first visit: the console signs in
    }
    if (context.isProtected()) {
      return refuse(
          response, 401, 40101, "Sign in: send the user name and password with HTTP Basic.");
    }
    return context.doNothing();
  }

  private AuthenticationStatus basic(
      String encoded,
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context) {
    UsernamePasswordCredential login = basicCredential(encoded);
    if (login == null) {
      return refuse(response, 401, 40101, "The Authorization header is not valid HTTP Basic.");
    }
    SignIn signIn = users.signIn(login.getCaller(), login.getPasswordAsString(), origin.address());
    switch (signIn.outcome()) {
      case SIGNED_IN -> {}
      case THROTTLED -> {
        return refuseForNow(
            response, signIn, 429, 42901, "Too many failed sign-ins for this user or address");
      }
      case BUSY -> {
        return refuseForNow(
            response, signIn, 503, 50303, "Too many sign-ins are being checked right now");
      }
      default -> {
        return refuse(response, 401, 40101, "Wrong user name or password.");
      }
    }
    UserView user = signIn.user().orElseThrow();
    if (user.mustChangePassword() && !changesOwnPassword(request, user.name())) {
      return refuse(
          response,
          403,
          40302,
          "User '"
              + user.name()
              + "' must change the password first: POST {\"current_password\": ...,"
              + " \"new_password\": ...} to "
              + ownPasswordPath(user.name())
              + ", or sign in to the console at "
              + CONSOLE
              + ".");
    }
    return context.notifyContainerAboutLogin(user.name(), user.roles());
  }

  private boolean changesOwnPassword(HttpServletRequest request, String name) {
    return changesOwnPassword(
        request.getMethod(),
        request.getRequestURI().substring(request.getContextPath().length()),
        cluster.id(),
        name);
  }

  /**
   * Whether the request is the one call a user who must change the password may make: POST to their
   * own password, under {@code /v3} or its embedded REST alias {@code /kafka/v3}.
   */
  static boolean changesOwnPassword(String method, String path, String clusterId, String name) {
    String own = path.startsWith(EMBEDDED_REST) ? path.substring(EMBEDDED_REST.length()) : path;
    String users = "/v3/clusters/" + clusterId + "/users/";
    String password = "/password";
    return "POST".equals(method)
        && own.startsWith(users)
        && own.endsWith(password)
        && own.length() > users.length() + password.length()
        && URLDecoder.decode(
                own.substring(users.length(), own.length() - password.length()).replace("+", "%2B"),
                StandardCharsets.UTF_8)
            .equals(name);
  }

  private String ownPasswordPath(String name) {
    return "/v3/clusters/" + cluster.id() + "/users/" + name + "/password";
  }

  private String clientAddress(HttpServletRequest request) {
    return proxies.clientAddress(
        request.getRemoteAddr(), request.getHeaders(TrustedProxies.FORWARDED_FOR));
  }

  /** The credential in an HTTP Basic header's value; null when it is not one. */
  static UsernamePasswordCredential basicCredential(String encoded) {
    try {
      String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon <= 0
          ? null
          : new UsernamePasswordCredential(
              decoded.substring(0, colon), decoded.substring(colon + 1));
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }

  /** A refusal to retry after the sign-in's wait, given in Retry-After and in the message. */
  private static AuthenticationStatus refuseForNow(
      HttpServletResponse response, SignIn signIn, int status, int errorCode, String reason) {
    long wait = signIn.retryAfterSeconds();
    response.setHeader("Retry-After", String.valueOf(wait));
    return refuse(response, status, errorCode, reason + ": try again in " + wait + " s.");
  }

  /** The body is committed, so the container adds none. */
  private static AuthenticationStatus refuse(
      HttpServletResponse response, int status, int errorCode, String message) {
    try {
      ErrorResponses.write(response, status, errorCode, message);
      response.flushBuffer();
    } catch (IOException gone) {
      // The client went away; there is nobody to tell.
    }
    return AuthenticationStatus.SEND_FAILURE;
  }
}
