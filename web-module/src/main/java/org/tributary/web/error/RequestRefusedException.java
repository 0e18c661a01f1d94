package org.tributary.web.error;

/**
 * A request the HTTP layer refuses before or beside the broker: a body that is not JSON (400), JSON
 * that does not say what the resource needs (422: a missing field, a wrong type, invalid base64, an
 * out-of-range number), or a REST Proxy concept the broker does not know (consumer instances,
 * embedded formats, the cluster id).
 */
public class RequestRefusedException extends RuntimeException {

  private final int status;
  private final int errorCode;

  private RequestRefusedException(int status, int errorCode, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.errorCode = errorCode;
  }

  public static RequestRefusedException malformedJson(Throwable cause) {
    return new RequestRefusedException(
        400, 400, "The request body is not valid JSON: " + cause.getMessage(), cause);
  }

  public static RequestRefusedException invalidPayload(String message) {
    return new RequestRefusedException(422, 42200, message, null);
  }

  /** A signed-in caller refused for who they are, not for a role they lack. */
  public static RequestRefusedException forbidden(String message) {
    return new RequestRefusedException(403, 40301, message, null);
  }

  /** A caller who must change their password first, as the sign-in refuses everything else. */
  public static RequestRefusedException passwordChangeRequired(String message) {
    return new RequestRefusedException(403, 40302, message, null);
  }

  public static RequestRefusedException invalidConsumerConfig(String message) {
    return new RequestRefusedException(
        422, 42204, "Invalid consumer configuration: " + message, null);
  }

  public static RequestRefusedException consumerInstanceNotFound(String group, String instance) {
    return new RequestRefusedException(
        404,
        40403,
        "Consumer instance '"
            + instance
            + "' of group '"
            + group
            + "' not found; it may have expired after being idle. Create a new one.",
        null);
  }

  public static RequestRefusedException memberNotFound(String group, String consumer) {
    return new RequestRefusedException(
        404, 40403, "Consumer '" + consumer + "' is not a member of group '" + group + "'.", null);
  }

  public static RequestRefusedException consumerInstanceExists(String group, String instance) {
    return new RequestRefusedException(
        409,
        40902,
        "Consumer instance '"
            + instance
            + "' already exists in group '"
            + group
            + "'; choose another name or delete it first.",
        null);
  }

  /** Too many live consumer instances: of this user, or on this server. */
  public static RequestRefusedException tooManyConsumerInstances(String message) {
    return new RequestRefusedException(429, 42902, message, null);
  }

  /** Too many open event streams (Server-Sent Events): of this user, or on this server. */
  public static RequestRefusedException tooManyStreams(String message) {
    return new RequestRefusedException(429, 42903, message, null);
  }

  /** A partition id in a path that is not a number. */
  public static RequestRefusedException partitionNotFound(String topic, String partition) {
    return new RequestRefusedException(
        404,
        40402,
        "Partition '" + partition + "' of topic '" + topic + "' not found: ids are numbers.",
        null);
  }

  public static RequestRefusedException formatMismatch(String instanceFormat, String requested) {
    return new RequestRefusedException(
        406,
        40601,
        "The consumer instance was created with format '"
            + instanceFormat
            + "' but the Accept header asks for "
            + requested
            + ".",
        null);
  }

  public static RequestRefusedException clusterNotFound(String clusterId, String actual) {
    return new RequestRefusedException(
        404,
        40404,
        "Cluster '" + clusterId + "' not found; this server is cluster '" + actual + "'.",
        null);
  }

  public static RequestRefusedException configNotFound(String topic, String name) {
    return new RequestRefusedException(
        404, 40411, "Topic '" + topic + "' has no config named '" + name + "'.", null);
  }

  public static RequestRefusedException brokerNotFound(String brokerId, int broker) {
    return new RequestRefusedException(
        404,
        40430,
        "Broker '" + brokerId + "' not found; this server is broker " + broker + ", the only one.",
        null);
  }

  public static RequestRefusedException brokerConfigNotFound(String name) {
    return new RequestRefusedException(
        404,
        40411,
        "The broker has no config named '"
            + name
            + "'; GET .../broker-configs lists the ones it has.",
        null);
  }

  /** A {@code records:batch} request refused as a whole (kafka-rest's 42208). */
  public static RequestRefusedException invalidBatch(String message) {
    return new RequestRefusedException(422, 42208, message, null);
  }

  public static RequestRefusedException bodyTooLarge(long limit) {
    return new RequestRefusedException(
        413,
        41302,
        "The request body is larger than "
            + limit
            + " bytes (tributary.http.max-request-bytes); send fewer records per request.",
        null);
  }

  public int status() {
    return status;
  }

  public int errorCode() {
    return errorCode;
  }
}
