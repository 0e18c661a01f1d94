package org.tributary.web.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.tributary.errors.TributaryException;

/** The broker's typed refusals. */
@Provider
public class TributaryExceptionMapper implements ExceptionMapper<TributaryException> {

  @Override
  public Response toResponse(TributaryException e) {
    return ErrorResponses.of(e);
  }
}
