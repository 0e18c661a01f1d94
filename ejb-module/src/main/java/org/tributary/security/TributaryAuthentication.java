package org.tributary.security;

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
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

/**
 * How callers prove who they are, in one mechanism because an application has one: the HTTP API
 * takes HTTP Basic on every request (what REST Proxy clients send); the console ({@value #CONSOLE}
 * in both packagings) signs in through its login page, which hands the credentials over with {@code
 * SecurityContext.authenticate}, and stays signed in for its session until the user's password
 * changes (or the user goes). Both sign in through {@link Users#signIn}, at the client's address
 * ({@link TrustedProxies}). Which paths need which roles is the web.xml's and the resources'
 * business, not this class's.
 */
@ApplicationScoped
public class TributaryAuthentication implements HttpAuthenticationMechanism {

  static final String CONSOLE = "/console";

  /** The {@code WWW-Authenticate} challenge of every 401 the API answers. */
  public static final String BASIC_CHALLENGE = "Basic realm=\"tributary\", charset=\"UTF-8\"";

  private static final String LOGIN_PAGE = CONSOLE + "/login.xhtml";
  private static final String SIGNED_IN = TributaryAuthentication.class.getName() + ".caller";

  @Inject Users users;
  @Inject TrustedProxies proxies;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    return isConsole(request) ? console(request, context) : api(request, response, context);
  }

  private static boolean isConsole(HttpServletRequest request) {
    String uri = request.getRequestURI();
    return uri.equals(CONSOLE) || uri.startsWith(CONSOLE + "/");
  }

  private AuthenticationStatus console(HttpServletRequest request, HttpMessageContext context) {
    Credential credential = context.getAuthParameters().getCredential();
    if (credential instanceof UsernamePasswordCredential login) {
      SignIn signIn =
          users.signIn(
              login.getCaller(), login.getPasswordAsString(), proxies.clientAddress(request));
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
      return context.redirect(LOGIN_PAGE);
    }
    return context.doNothing();
  }

  private AuthenticationStatus api(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      UsernamePasswordCredential login = basicCredential(header.substring(6).trim());
      if (login == null) {
        return refuse(response, 401, 40101, "The Authorization header is not valid HTTP Basic.");
      }
      SignIn signIn =
          users.signIn(
              login.getCaller(), login.getPasswordAsString(), proxies.clientAddress(request));
      switch (signIn.outcome()) {
        case SIGNED_IN -> {}
        case THROTTLED -> {
          response.setHeader("Retry-After", String.valueOf(signIn.retryAfterSeconds()));
          return refuse(
              response,
              429,
              42901,
              "Too many failed sign-ins for this user or address: try again in "
                  + signIn.retryAfterSeconds()
                  + " s.");
        }
        case BUSY -> {
          response.setHeader("Retry-After", String.valueOf(signIn.retryAfterSeconds()));
          return refuse(
              response,
              503,
              50303,
              "Too many sign-ins are being checked right now: try again in "
                  + signIn.retryAfterSeconds()
                  + " s.");
        }
        default -> {
          return refuse(response, 401, 40101, "Wrong user name or password.");
        }
      }
      if (users.mustChangePassword(login.getCaller())) {
        return refuse(
            response,
            403,
            40302,
            "User '"
                + login.getCaller()
                + "' must change the password first: sign in to the console at "
                + CONSOLE
                + "/.");
      }
      UserView user = signIn.user().orElseThrow();
      return context.notifyContainerAboutLogin(user.name(), user.roles());
    }
    if (request.getRequestURI().equals("/")) {
      return context.redirect(CONSOLE + "/"); // a browser's first visit: the console signs in
    }
    if (context.isProtected()) {
      return refuse(
          response, 401, 40101, "Sign in: send the user name and password with HTTP Basic.");
    }
    return context.doNothing();
  }

  private static UsernamePasswordCredential basicCredential(String encoded) {
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

  /** Answers with REST Proxy's error body; the body is committed, so the container adds none. */
  private static AuthenticationStatus refuse(
      HttpServletResponse response, int status, int errorCode, String message) {
    try {
      response.setStatus(status);
      if (status == 401) {
        response.setHeader("WWW-Authenticate", BASIC_CHALLENGE);
      }
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      response
          .getWriter()
          .write("{\"error_code\":" + errorCode + ",\"message\":\"" + jsonEscape(message) + "\"}");
      response.flushBuffer();
    } catch (IOException gone) {
      // The client went away; there is nobody to tell.
    }
    return AuthenticationStatus.SEND_FAILURE;
  }

  private static String jsonEscape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        escaped.append('\\').append(c);
      } else if (c < 0x20) {
        escaped.append(String.format("\\u%04x", (int) c));
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
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
