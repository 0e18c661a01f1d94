package org.tributary.console.messages;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

/**
 * A small, safe subset of JSONPath for the browser's filter: {@code $}, then member names after
 * dots and array indexes in brackets, such as {@code $.customer.id} or {@code $.items[0].sku}. No
 * wildcards, filters or scripts: a path selects at most one value, and evaluating it costs one
 * parse of the record's value.
 */
final class JsonPath {

  private static final Pattern STEP = Pattern.compile("\\.([A-Za-z_$][\\w$-]*)|\\[(\\d{1,9})]");

  /** A member name (index null) or an array index (name null). */
  private record Step(String name, Integer index) {}

  private final String text;
  private final List<Step> steps;

  private JsonPath(String text, List<Step> steps) {
    this.text = text;
    this.steps = steps;
  }

  static JsonPath parse(String path) {
    String text = path == null ? "" : path.strip();
    if (!text.startsWith("$")) {
      throw invalid(text, "it must start with $");
    }
    List<Step> steps = new ArrayList<>();
    Matcher step = STEP.matcher(text);
    int at = 1;
    while (at < text.length()) {
      if (!step.find(at) || step.start() != at) {
        throw invalid(text, "unexpected '" + text.substring(at) + "'");
      }
      steps.add(
          step.group(1) != null
              ? new Step(step.group(1), null)
              : new Step(null, Integer.parseInt(step.group(2))));
      at = step.end();
    }
    return new JsonPath(text, List.copyOf(steps));
  }

  private static TributaryException invalid(String path, String why) {
    return new TributaryException(
        ErrorCode.INVALID_REQUEST,
        "The JSON path '"
            + path
            + "' is not valid: "
            + why
            + ". Use $ followed by .name and [index] steps, such as $.customer.id or"
            + " $.items[0].sku.");
  }

  /**
   * The selected value as text (a string's content, any other value as JSON), or empty when the
   * document is not JSON or has nothing there.
   */
  Optional<String> select(String json) {
    JsonValue node;
    try (var reader = Json.createReader(new StringReader(json))) {
      node = reader.readValue();
    } catch (JsonException notJson) {
      return Optional.empty();
    }
    for (Step step : steps) {
      node = next(node, step);
      if (node == null) {
        return Optional.empty();
      }
    }
    return Optional.of(node instanceof JsonString string ? string.getString() : node.toString());
  }

  private static JsonValue next(JsonValue node, Step step) {
    if (step.name() != null) {
      return node instanceof JsonObject object ? object.get(step.name()) : null;
    }
    return node instanceof JsonArray array && step.index() < array.size()
        ? array.get(step.index())
        : null;
  }

  @Override
  public String toString() {
    return text;
  }
}
