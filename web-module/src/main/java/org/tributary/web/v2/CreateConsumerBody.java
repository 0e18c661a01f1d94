package org.tributary.web.v2;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;
import org.tributary.errors.TributaryException;
import org.tributary.group.OffsetResetStrategy;
import org.tributary.web.error.RequestRefusedException;
import org.tributary.web.json.JsonBody;

/**
 * The body of {@code POST /consumers/{group}}: the instance's name (or REST Proxy's older {@code
 * id}, else a generated one), its embedded format and the consumer settings REST Proxy takes, each
 * checked against its range.
 */
record CreateConsumerBody(
    String name,
    EmbeddedFormat format,
    OffsetResetStrategy autoOffsetReset,
    boolean autoCommit,
    int fetchMinBytes,
    Duration requestTimeout,
    Duration instanceTimeout) {

  static final long MAX_REQUEST_TIMEOUT_MS = Duration.ofMinutes(5).toMillis();
  private static final long MAX_INSTANCE_TIMEOUT_MS = Duration.ofMinutes(30).toMillis();
  private static final Pattern INSTANCE_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,255}");

  /** The timeouts the body leaves out are the server's configured defaults. */
  static CreateConsumerBody parse(
      String body, long defaultRequestTimeoutMs, long defaultInstanceTimeoutMs) {
    JsonBody request = JsonBody.parseOrEmpty(body);
    String name = request.optionalString("name");
    if (name == null) {
      name = request.optionalString("id");
    }
    if (name == null) {
      name = "rest-consumer-" + UUID.randomUUID();
    }
    if (!INSTANCE_NAME.matcher(name).matches()) {
      throw RequestRefusedException.invalidConsumerConfig(
          "name must be 1 to 255 of a-z, A-Z, 0-9, '.', '_' and '-' (it becomes part of a URL).");
    }
    String format = request.optionalString("format");
    EmbeddedFormat embeddedFormat =
        EmbeddedFormat.named(format == null ? "binary" : format.toLowerCase(Locale.ROOT));
    OffsetResetStrategy reset = offsetReset(request.optionalSetting("auto.offset.reset"));
    boolean autoCommit = bool(request.optionalSetting("auto.commit.enable"), "auto.commit.enable");
    int fetchMinBytes = (int) setting(request, "fetch.min.bytes", 1, -1, Integer.MAX_VALUE);
    long requestTimeout =
        setting(
            request,
            "consumer.request.timeout.ms",
            defaultRequestTimeoutMs,
            0,
            MAX_REQUEST_TIMEOUT_MS);
    long instanceTimeout =
        setting(
            request,
            "consumer.instance.timeout.ms",
            defaultInstanceTimeoutMs,
            1000,
            MAX_INSTANCE_TIMEOUT_MS);
    return new CreateConsumerBody(
        name,
        embeddedFormat,
        reset,
        autoCommit,
        Math.max(1, fetchMinBytes),
        Duration.ofMillis(requestTimeout),
        Duration.ofMillis(instanceTimeout));
  }

  private static OffsetResetStrategy offsetReset(String value) {
    try {
      return OffsetResetStrategy.parse(value);
    } catch (TributaryException e) {
      throw RequestRefusedException.invalidConsumerConfig(e.getMessage());
    }
  }

  private static boolean bool(String value, String name) {
    if (value == null) {
      return false;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw RequestRefusedException.invalidConsumerConfig(
              name + " must be true or false, was '" + value + "'.");
    };
  }

  private static long setting(
      JsonBody request, String name, long defaultValue, long min, long max) {
    String value = request.optionalSetting(name);
    if (value == null) {
      return defaultValue;
    }
    return within(value, min, max)
        .orElseThrow(
            () ->
                RequestRefusedException.invalidConsumerConfig(
                    name + " " + rangeProblem(value, min, max)));
  }

  /** The whole number {@code value} if it lies in [min, max]. */
  static OptionalLong within(String value, long min, long max) {
    try {
      long parsed = Long.parseLong(value.trim());
      return parsed >= min && parsed <= max ? OptionalLong.of(parsed) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  static String rangeProblem(String value, long min, long max) {
    return "must be a whole number from " + min + " to " + max + ", was '" + value + "'.";
  }
}
