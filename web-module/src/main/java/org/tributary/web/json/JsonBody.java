package org.tributary.web.json;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tributary.web.error.RequestRefusedException;

/**
 * A JSON object of a request body with typed, checked access to its fields. Every problem becomes a
 * {@link RequestRefusedException} that names the field by its path, e.g. {@code offsets[2].offset}.
 */
public final class JsonBody {

  /** Made once: {@code Json.createParser} looks the JSON provider up anew on every call. */
  private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

  private static final Instant LATEST_INSTANT = Instant.parse("9999-12-31T23:59:59Z");
  private static final Duration LONGEST_DURATION = Duration.ofDays(36_525);

  private final JsonObject object;
  private final String path;

  private JsonBody(JsonObject object, String path) {
    this.object = object;
    this.path = path;
  }

  /** The body as a JSON object; an empty body is refused. */
  public static JsonBody parse(String body) {
    return new JsonBody(parseObject(body), "");
  }

  /** The body as a JSON object; an empty body counts as {@code {}}. */
  public static JsonBody parseOrEmpty(String body) {
    return body == null || body.isBlank()
        ? new JsonBody(JsonValue.EMPTY_JSON_OBJECT, "")
        : parse(body);
  }

  public static JsonBody of(JsonObject object, String path) {
    return new JsonBody(object, path);
  }

  /** Parses exactly one JSON object, refusing trailing content. */
  public static JsonObject parseObject(String body) {
    if (body == null || body.isBlank()) {
      throw RequestRefusedException.invalidPayload(
          "The request body is empty; a JSON object is expected.");
    }
    JsonValue value;
    try {
      value = parseValue(body);
    } catch (RuntimeException e) {
      // Not JSON, or beyond the parser's limits (numbers it cannot represent, nesting too deep).
      throw RequestRefusedException.malformedJson(e);
    }
    if (!(value instanceof JsonObject object)) {
      throw RequestRefusedException.invalidPayload("The request body must be a JSON object.");
    }
    return object;
  }

  /**
   * Parses exactly one JSON value of any type.
   *
   * @throws JsonException when the text is not one JSON value, trailing content included
   */
  public static JsonValue parseValue(String text) {
    try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
      parser.next();
      JsonValue value = parser.getValue();
      if (parser.hasNext()) {
        throw new JsonException("unexpected content after the JSON value");
      }
      return value;
    }
  }

  public JsonObject object() {
    return object;
  }

  public boolean has(String name) {
    JsonValue value = object.get(name);
    return value != null && value.getValueType() != JsonValue.ValueType.NULL;
  }

  public JsonValue value(String name) {
    return object.get(name);
  }

  public String where(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  public String optionalString(String name) {
    if (!has(name)) {
      return null;
    }
    if (!(object.get(name) instanceof JsonString string)) {
      throw invalid(name, "must be a string");
    }
    return string.getString();
  }

  public String requiredString(String name) {
    requirePresent(name);
    return optionalString(name);
  }

  public Long optionalLong(String name) {
    if (!has(name)) {
      return null;
    }
    if (!(object.get(name) instanceof JsonNumber number) || !number.isIntegral()) {
      throw invalid(name, "must be a whole number");
    }
    try {
      return number.bigIntegerValueExact().longValueExact();
    } catch (ArithmeticException e) {
      throw invalid(name, "is out of range");
    }
  }

  public long requiredLong(String name) {
    requirePresent(name);
    return optionalLong(name);
  }

  public Integer optionalInt(String name) {
    Long value = optionalLong(name);
    if (value != null && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
      throw invalid(name, "is out of range");
    }
    return value == null ? null : value.intValue();
  }

  public int requiredInt(String name) {
    requirePresent(name);
    return optionalInt(name);
  }

  public Boolean optionalBoolean(String name) {
    if (!has(name)) {
      return null;
    }
    JsonValue value = object.get(name);
    if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
      return value == JsonValue.TRUE;
    }
    throw invalid(name, "must be true or false");
  }

  /**
   * A setting that REST Proxy clients send either as a JSON value or as a string, e.g. {@code
   * "fetch.min.bytes": "1024"} or {@code "auto.commit.enable": "true"}: the text of either.
   */
  public String optionalSetting(String name) {
    if (!has(name)) {
      return null;
    }
    JsonValue value = object.get(name);
    return switch (value.getValueType()) {
      case STRING -> ((JsonString) value).getString();
      case NUMBER, TRUE, FALSE -> value.toString();
      default -> throw invalid(name, "must be a string, number or boolean");
    };
  }

  /** The elements of an array of objects, each with its path for error messages. */
  public List<JsonBody> requiredObjects(String name) {
    return mapArray(
        name,
        (element, where) -> {
          if (!(element instanceof JsonObject item)) {
            throw RequestRefusedException.invalidPayload(where + " must be a JSON object.");
          }
          return new JsonBody(item, where);
        });
  }

  public List<String> requiredStrings(String name) {
    return mapArray(
        name,
        (element, where) -> {
          if (!(element instanceof JsonString string)) {
            throw RequestRefusedException.invalidPayload(where + " must be a string.");
          }
          return string.getString();
        });
  }

  public List<Integer> optionalInts(String name) {
    if (!has(name)) {
      return null;
    }
    return mapArray(
        name,
        (element, where) -> {
          if (!(element instanceof JsonNumber number)
              || !number.isIntegral()
              || number.bigIntegerValue().bitLength() > 31) {
            throw RequestRefusedException.invalidPayload(where + " must be a whole number.");
          }
          return number.intValue();
        });
  }

  private <T> List<T> mapArray(String name, ElementReader<T> reader) {
    requirePresent(name);
    if (!(object.get(name) instanceof JsonArray array)) {
      throw invalid(name, "must be an array");
    }
    List<T> items = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      items.add(reader.read(array.get(i), where(name) + "[" + i + "]"));
    }
    return items;
  }

  private interface ElementReader<T> {
    T read(JsonValue element, String where);
  }

  /** Refuses a field's value with a reason such as "must be a string". */
  public RequestRefusedException invalid(String name, String reason) {
    return RequestRefusedException.invalidPayload("'" + where(name) + "' " + reason + ".");
  }

  private void requirePresent(String name) {
    if (!has(name)) {
      throw RequestRefusedException.invalidPayload("'" + where(name) + "' is required.");
    }
  }

  /** An ISO-8601 instant between the epoch and the year 9999, so it fits epoch milliseconds. */
  public Instant optionalInstant(String name) {
    Instant instant = optional(name, Instant::parse, "an ISO-8601 instant");
    if (instant != null && (instant.isBefore(Instant.EPOCH) || instant.isAfter(LATEST_INSTANT))) {
      throw invalid(name, "must be between 1970 and 9999");
    }
    return instant;
  }

  /** An ISO-8601 duration such as {@code PT1H}, from zero to a hundred years. */
  public Duration optionalDuration(String name) {
    Duration duration = optional(name, Duration::parse, "an ISO-8601 duration such as PT1H");
    if (duration != null && (duration.isNegative() || duration.compareTo(LONGEST_DURATION) > 0)) {
      throw invalid(name, "must be from PT0S to 100 years");
    }
    return duration;
  }

  /** Converts a field with a parser of its own, refusing what the parser refuses. */
  public <T> T optional(String name, Function<String, T> parser, String expected) {
    String text = optionalString(name);
    if (text == null) {
      return null;
    }
    try {
      return parser.apply(text);
    } catch (RuntimeException e) {
      throw invalid(name, "must be " + expected + ", was '" + text + "'");
    }
  }
}
