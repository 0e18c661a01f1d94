package org.tributary.web.error;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;
import java.util.concurrent.CompletionException;

/** Asynchronous resources fail with a wrapped cause; map the cause as if it had been thrown. */
@Provider
public class CompletionExceptionMapper implements ExceptionMapper<CompletionException> {

  @Context Providers providers;

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Response toResponse(CompletionException e) {
    Throwable cause = e.getCause() == null ? e : e.getCause();
    ExceptionMapper mapper = providers.getExceptionMapper(cause.getClass());
    return mapper == null || mapper == this
        ? UnexpectedExceptionMapper.internalError(cause)
        : mapper.toResponse(cause);
  }
}
