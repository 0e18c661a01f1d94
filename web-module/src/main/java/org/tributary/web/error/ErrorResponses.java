package org.tributary.web.error;

import jakarta.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.errors.UnknownPartitionException;

/**
 * The one place that turns a refusal into an HTTP status and a REST Proxy error code. Codes of REST
 * Proxy are kept where it has them (40401 topic not found, 40402 partition not found, 40903 illegal
 * state, ...); Tributary's own refusals use 422xx so that each keeps a stable code.
 */
public final class ErrorResponses {

  /** The {@code WWW-Authenticate} challenge of every 401 the API answers. */
  public static final String BASIC_CHALLENGE = "Basic realm=\"tributary\", charset=\"UTF-8\"";

  /**
   * Every 503 is worth retrying (the database is slow, another server took over writing, the broker
   * is overloaded): clients are told to, after a second.
   */
  private static final String RETRY_AFTER_SECONDS = "1";

  private ErrorResponses() {}

  /**
   * The error body of a failure outside JAX-RS's exception mapping (a record in a stream), as the
   * mappers would answer it.
   */
  public static ErrorBody bodyOf(Throwable failure) {
    Throwable e =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    Response response;
    if (e instanceof TributaryException refused) {
      response = of(refused);
    } else if (e instanceof RequestRefusedException refused) {
      response = of(refused.status(), refused.errorCode(), refused.getMessage());
    } else {
      response = UnexpectedExceptionMapper.internalError(e);
    }
    return (ErrorBody) response.getEntity();
  }

  /**
   * The error code and message of a failure outside JAX-RS's exception mapping, in the caller's
   * shape (a batch entry's failure carries its id beside them).
   */
  public static <T> T bodyOf(Throwable failure, BiFunction<Integer, String, T> shape) {
    ErrorBody body = bodyOf(failure);
    return shape.apply(body.errorCode(), body.message());
  }

  static Response of(int status, int errorCode, String message) {
    Response.ResponseBuilder response =
        Response.status(status)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(new ErrorBody(errorCode, message));
    if (status == 401) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, BASIC_CHALLENGE);
    }
    if (status == 503) {
      response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
    return response.build();
  }

  /**
   * Writes the error body where JAX-RS does not answer: in a servlet filter in front of it, or in
   * the authentication mechanism.
   */
  public static void write(HttpServletResponse response, int status, int errorCode, String message)
      throws IOException {
    response.setStatus(status);
    if (status == 401) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, BASIC_CHALLENGE);
    }
    if (status == 503) {
      response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
    response.setContentType(MediaType.APPLICATION_JSON);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response
        .getWriter()
        .write(
            Json.createObjectBuilder()
                .add("error_code", errorCode)
                .add("message", message)
                .build()
                .toString());
  }

  static Response of(TributaryException e) {
    if (e instanceof UnknownPartitionException) {
      return of(404, 40402, e.getMessage());
    }
    return switch (e.code()) {
      case UNKNOWN_TOPIC_OR_PARTITION -> of(404, 40401, e.getMessage());
      case GROUP_ID_NOT_FOUND -> of(404, 40410, e.getMessage());
      case OFFSET_RESET_NOT_FOUND -> of(404, 40412, e.getMessage());
      case TOPIC_ALREADY_EXISTS -> of(400, 40002, e.getMessage());
      case INVALID_FILTER -> of(400, 40003, e.getMessage());
      case RECORD_TOO_LARGE -> of(413, 41301, e.getMessage());
      case UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION, REBALANCE_IN_PROGRESS, ILLEGAL_STATE ->
          of(409, 40903, e.getMessage());
      case INCONSISTENT_SUBSCRIPTION -> of(409, 40901, e.getMessage());
      case NON_EMPTY_GROUP -> of(409, 40904, e.getMessage());
      case GROUP_SUBSCRIBED_TO_TOPIC -> of(409, 40907, e.getMessage());
      case STALE_RESET_PLAN -> of(409, 40905, e.getMessage());
      case USER_NOT_FOUND -> of(404, 40413, e.getMessage());
      case USER_ALREADY_EXISTS -> of(409, 40906, e.getMessage());
      case KAFKA_STORAGE_ERROR -> of(503, 50003, e.getMessage());
      case NOT_LEADER_OR_FOLLOWER -> of(503, 50301, e.getMessage());
      case REQUEST_TIMED_OUT -> of(503, 50302, e.getMessage());
      default -> of(422, unprocessableCode(e.code()), e.getMessage());
    };
  }

  private static int unprocessableCode(ErrorCode code) {
    return switch (code) {
      case INVALID_TOPIC_EXCEPTION -> 42210;
      case INVALID_PARTITIONS -> 42211;
      case INVALID_CONFIG -> 42212;
      case INVALID_RECORD -> 42213;
      case INVALID_GROUP_ID -> 42214;
      case INVALID_SESSION_TIMEOUT -> 42215;
      case INCONSISTENT_GROUP_PROTOCOL -> 42216;
      case OFFSET_METADATA_TOO_LARGE -> 42217;
      case OFFSET_OUT_OF_RANGE -> 42218;
      case NO_OFFSET_FOR_PARTITION -> 42219;
      case POLICY_VIOLATION -> 42220;
      case INVALID_TIMESTAMP -> 42221;
      default -> 42200;
    };
  }
}
