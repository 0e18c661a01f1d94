package org.tributary.web.error;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS's own refusals (no such path, wrong method, unsupported media type, bad parameter, not
 * authorized), in REST Proxy's shape: the error code is the HTTP status, except for 401 (40101) and
 * 403 (40301), which keep the codes the sign-in and role checks answer.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    Response refusal = ErrorResponses.of(status, errorCode(status), messageFor(status, e));
    String allowed = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
    // A 405 names the methods the resource takes (RFC 9110).
    return allowed == null
        ? refusal
        : Response.fromResponse(refusal).header(HttpHeaders.ALLOW, allowed).build();
  }

  /** REST Proxy's codes for the refusals that have one of their own. */
  private static int errorCode(int status) {
    return switch (status) {
      case 401 -> 40101;
      case 403 -> 40301;
      default -> status;
    };
  }

  private static String messageFor(int status, WebApplicationException e) {
    String message = e.getMessage();
    if (message != null && !message.startsWith("HTTP ")) {
      return message;
    }
    return switch (status) {
      case 401 -> "Sign in: send the user name and password with HTTP Basic.";
      case 403 -> "HTTP 403 Forbidden: the signed-in user lacks a role this call takes.";
      case 404 -> "HTTP 404 Not Found: no resource at this path.";
      case 405 -> "HTTP 405 Method Not Allowed for this resource.";
      case 406 ->
          "HTTP 406 Not Acceptable: this resource cannot answer in the media type asked for.";
      case 415 ->
          "HTTP 415 Unsupported Media Type: send application/vnd.kafka.binary.v2+json or"
              + " application/vnd.kafka.json.v2+json.";
      default -> message;
    };
  }
}
