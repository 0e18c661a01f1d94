package org.tributary.web.error;

/**
 * A request the HTTP layer refuses before it reaches the broker: a body that is not JSON (400), or
 * JSON that does not say what the resource needs (422): a missing field, a wrong type, invalid
 * base64, an out-of-range number.
 */
public class InvalidRequestException extends RuntimeException {

  private final int status;
  private final int errorCode;

  private InvalidRequestException(int status, int errorCode, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.errorCode = errorCode;
  }

  public static InvalidRequestException malformedJson(Throwable cause) {
    return new InvalidRequestException(
        400, 400, "The request body is not valid JSON: " + cause.getMessage(), cause);
  }

  public static InvalidRequestException invalidPayload(String message) {
    return new InvalidRequestException(422, 42200, message, null);
  }

  public int status() {
    return status;
  }

  public int errorCode() {
    return errorCode;
  }
}
