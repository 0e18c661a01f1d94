package org.tributary.web.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Bodies the HTTP layer could not use. */
@Provider
public class RequestRefusedExceptionMapper implements ExceptionMapper<RequestRefusedException> {

  @Override
  public Response toResponse(RequestRefusedException e) {
    return ErrorResponses.of(e.status(), e.errorCode(), e.getMessage());
  }
}
