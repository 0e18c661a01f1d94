package org.tributary.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the server's JSON answers without a library: objects become {@code Map<String, Object>},
 * arrays {@code List<Object>}, strings {@code String}, integers {@code Long}, other numbers {@code
 * Double}, {@code true}/{@code false} {@code Boolean} and {@code null} null. Anything that is not
 * well-formed JSON is refused with the position and the text.
 */
final class Json {

  private final String text;
  private int position;

  private Json(String text) {
    this.text = text;
  }

  static Object parse(String text) {
    Json reader = new Json(text);
    Object value = reader.value();
    reader.skipWhitespace();
    if (reader.position != text.length()) {
      throw reader.error("unexpected characters after the value");
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object value, String what) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new IllegalStateException(what + " is not a JSON object: " + value);
  }

  @SuppressWarnings("unchecked")
  static List<Object> array(Object value, String what) {
    if (value instanceof List<?> list) {
      return (List<Object>) list;
    }
    throw new IllegalStateException(what + " is not a JSON array: " + value);
  }

  static String string(Map<String, Object> object, String name) {
    if (object.get(name) instanceof String string) {
      return string;
    }
    throw new IllegalStateException("'" + name + "' is not a string in " + object);
  }

  static long integer(Map<String, Object> object, String name) {
    if (object.get(name) instanceof Long number) {
      return number;
    }
    throw new IllegalStateException("'" + name + "' is not an integer in " + object);
  }

  private Object value() {
    skipWhitespace();
    if (position >= text.length()) {
      throw error("unexpected end, a value was expected");
    }
    return switch (text.charAt(position)) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> number();
    };
  }

  private Map<String, Object> object() {
    expect('{');
    Map<String, Object> members = new LinkedHashMap<>();
    skipWhitespace();
    if (accept('}')) {
      return members;
    }
    do {
      skipWhitespace();
      String name = string();
      skipWhitespace();
      expect(':');
      members.put(name, value());
      skipWhitespace();
    } while (accept(','));
    expect('}');
    return members;
  }

  private List<Object> array() {
    expect('[');
    List<Object> elements = new ArrayList<>();
    skipWhitespace();
    if (accept(']')) {
      return elements;
    }
    do {
      elements.add(value());
      skipWhitespace();
    } while (accept(','));
    expect(']');
    return elements;
  }

  private String string() {
    expect('"');
    StringBuilder unescaped = null;
    int runStart = position;
    while (position < text.length()) {
      char c = text.charAt(position++);
      if (c == '"') {
        return unescaped == null
            ? text.substring(runStart, position - 1)
            : unescaped.append(text, runStart, position - 1).toString();
      }
      if (c == '\\') {
        if (unescaped == null) {
          unescaped = new StringBuilder();
        }
        unescaped.append(text, runStart, position - 1).append(escaped());
        runStart = position;
      }
    }
    throw error("unterminated string");
  }

  private char escaped() {
    if (position >= text.length()) {
      throw error("unterminated escape");
    }
    char c = text.charAt(position++);
    return switch (c) {
      case '"', '\\', '/' -> c;
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' -> unicodeEscape();
      default -> throw error("invalid escape \\" + c);
    };
  }

  private char unicodeEscape() {
    if (position + 4 > text.length()) {
      throw error("truncated \\u escape");
    }
    try {
      char c = (char) Integer.parseInt(text.substring(position, position + 4), 16);
      position += 4;
      return c;
    } catch (NumberFormatException e) {
      throw error("invalid \\u escape");
    }
  }

  private Object number() {
    int start = position;
    boolean integral = true;
    while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0) {
      integral &= Character.isDigit(text.charAt(position)) || text.charAt(position) == '-';
      position++;
    }
    String number = text.substring(start, position);
    try {
      return integral ? (Object) Long.parseLong(number) : (Object) Double.parseDouble(number);
    } catch (NumberFormatException e) {
      position = start;
      throw error("invalid value");
    }
  }

  private Object literal(String literal, Object value) {
    if (!text.startsWith(literal, position)) {
      throw error("invalid value");
    }
    position += literal.length();
    return value;
  }

  private void expect(char c) {
    if (!accept(c)) {
      throw error("'" + c + "' expected");
    }
  }

  private boolean accept(char c) {
    if (position < text.length() && text.charAt(position) == c) {
      position++;
      return true;
    }
    return false;
  }

  private void skipWhitespace() {
    while (position < text.length() && " \t\r\n".indexOf(text.charAt(position)) >= 0) {
      position++;
    }
  }

  private IllegalStateException error(String problem) {
    String shown = text.length() > 500 ? text.substring(0, 500) + "..." : text;
    return new IllegalStateException(
        "Not JSON: " + problem + " at position " + position + " of: " + shown);
  }
}
