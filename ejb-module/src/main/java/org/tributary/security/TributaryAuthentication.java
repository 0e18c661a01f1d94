package org.tributary.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * How callers prove who they are, in one mechanism because an application has one: the HTTP API
 * takes HTTP Basic on every request (what REST Proxy clients send); the console ({@value #CONSOLE}
 * in both packagings) signs in through its login page, which hands the credentials over with {@code
 * SecurityContext.authenticate}, and stays signed in for its session. Both validate against the
 * identity stores ({@link DatabaseIdentityStore}) behind the sign-in throttle. Which paths need
 * which roles is the web.xml's and the resources' business, not this class's.
 */
@ApplicationScoped
public class TributaryAuthentication implements HttpAuthenticationMechanism {

  static final String CONSOLE = "/console";

  /** The {@code WWW-Authenticate} challenge of every 401 the API answers. */
  public static final String BASIC_CHALLENGE = "Basic realm=\"tributary\", charset=\"UTF-8\"";

  private static final String LOGIN_PAGE = CONSOLE + "/login.xhtml";
  private static final String SIGNED_IN = TributaryAuthentication.class.getName() + ".caller";

  @Inject IdentityStoreHandler identityStores;
  @Inject Users users;

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
      CredentialValidationResult result = validate(login, request.getRemoteAddr());
      if (result.getStatus() != CredentialValidationResult.Status.VALID) {
        return AuthenticationStatus.SEND_FAILURE;
      }
      request
          .getSession()
          .setAttribute(SIGNED_IN, new SignedIn(result.getCallerPrincipal().getName()));
      return context.notifyContainerAboutLogin(result);
    }
    HttpSession session = request.getSession(false);
    SignedIn signedIn = session == null ? null : (SignedIn) session.getAttribute(SIGNED_IN);
    if (signedIn != null) {
      // Roles as they are now: an admin may have changed them, or deleted the user.
      var user = users.find(signedIn.name());
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
      Duration throttled = users.throttled(login.getCaller(), request.getRemoteAddr());
      if (!throttled.isZero()) {
        response.setHeader("Retry-After", String.valueOf(throttled.toSeconds() + 1));
        return refuse(
            response,
            429,
            42901,
            "Too many failed sign-ins for this user or address: try again in "
                + (throttled.toSeconds() + 1)
                + " s.");
      }
      CredentialValidationResult result = validate(login, request.getRemoteAddr());
      if (result.getStatus() != CredentialValidationResult.Status.VALID) {
        return refuse(response, 401, 40101, "Wrong user name or password.");
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
      return context.notifyContainerAboutLogin(result);
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

  /** Validates behind the throttle; a throttled attempt is refused without looking. */
  private CredentialValidationResult validate(UsernamePasswordCredential login, String address) {
    if (!users.throttled(login.getCaller(), address).isZero()) {
      return CredentialValidationResult.INVALID_RESULT;
    }
    CredentialValidationResult result = identityStores.validate(login);
    users.signedIn(
        login.getCaller(), address, result.getStatus() == CredentialValidationResult.Status.VALID);
    return result;
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

  /** Who signed in to this console session; the roles are read afresh on every request. */
  record SignedIn(String name) implements Serializable {}
}
