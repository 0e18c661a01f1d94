package org.tributary.web.error;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS's own refusals (no such path, wrong method, unsupported media type, bad parameter), in
 * REST Proxy's shape: the error code is the HTTP status.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    return ErrorResponses.of(status, status, messageFor(status, e));
  }

  private static String messageFor(int status, WebApplicationException e) {
    String message = e.getMessage();
    if (message != null && !message.startsWith("HTTP ")) {
      return message;
    }
    return switch (status) {
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
