package org.tributary.web.error;

import jakarta.ejb.EJBException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tributary.errors.TributaryException;

/**
 * Anything else is a fault of the server, not of the request: it is logged with a reference that
 * the error body repeats, and no stack trace leaves the server. Exceptions wrapped by the EJB
 * container, or by JAX-RS around a refusal (a body stream that went past its size limit), are
 * unwrapped first, in case the cause is a refusal with a mapping of its own.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

  @Context Providers providers;

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Response toResponse(Throwable e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof RequestRefusedException
          || cause instanceof TributaryException
          || e instanceof EJBException) {
        ExceptionMapper mapper = providers.getExceptionMapper(cause.getClass());
        if (mapper != null && mapper != this) {
          return mapper.toResponse(cause);
        }
      }
    }
    return internalError(e);
  }

  static Response internalError(Throwable e) {
    String reference = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "Internal error " + reference, e);
    return ErrorResponses.of(
        500,
        50001,
        "Internal server error; the server log has the details under reference " + reference + ".");
  }
}
