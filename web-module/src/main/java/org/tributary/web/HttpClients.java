package org.tributary.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.tributary.clients.ClientIdentity;
import org.tributary.clients.ClientKind;

/** The client behind an HTTP request, as the broker's list of clients names it. */
public final class HttpClients {

  private HttpClients() {}

  public static ClientIdentity producer(HttpServletRequest request) {
    return new ClientIdentity(
        ClientKind.PRODUCER, principal(request), null, request.getRemoteAddr());
  }

  /** A REST Proxy v2 consumer instance, named by its instance name. */
  public static ClientIdentity consumer(HttpServletRequest request, String instance) {
    return new ClientIdentity(
        ClientKind.CONSUMER, principal(request), instance, request.getRemoteAddr());
  }

  /**
   * Who asked for a change that the broker records (an offset reset, a DeleteRecords): the
   * principal, or {@code anonymous}, at the remote address.
   */
  public static String who(HttpServletRequest request) {
    String principal = principal(request);
    return (principal == null ? "anonymous" : principal) + "@" + request.getRemoteAddr();
  }

  private static String principal(HttpServletRequest request) {
    Principal user = request.getUserPrincipal();
    return user == null ? null : user.getName();
  }
}
