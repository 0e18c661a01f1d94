package org.tributary.web.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Bodies the HTTP layer could not use. */
@Provider
public class InvalidRequestExceptionMapper implements ExceptionMapper<InvalidRequestException> {

  @Override
  public Response toResponse(InvalidRequestException e) {
    return ErrorResponses.of(e.status(), e.errorCode(), e.getMessage());
  }
}
