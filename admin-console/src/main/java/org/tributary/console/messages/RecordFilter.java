package org.tributary.console.messages;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.log.Header;

/**
 * The browser's filter: which part of a record to look at, how to compare it, and with what. A
 * record without that part (no key, no such header, a value that is not JSON or has nothing at the
 * path) never matches. Contains and does-not-contain ignore case; equals and regex do not (a regex
 * may say {@code (?i)}). Regex matches share one time budget per page: past it, the page fails with
 * a message instead of holding its thread.
 */
public final class RecordFilter {

  /** The part of a record a filter looks at. */
  public enum Field {
    /** The key, the value, header names and header values: matches if any does. */
    ANY,
    KEY,
    VALUE,
    /** The values of the headers with the given name: matches if any does. */
    HEADER,
    /** The value's JSON at the given path. */
    JSON_PATH
  }

  /** How the field is compared with the filter's text. */
  public enum Operator {
    CONTAINS,
    EQUALS,
    NOT_CONTAINS,
    REGEX
  }

  private final Field field;
  private final String name;
  private final JsonPath path;
  private final Operator operator;
  private final String text;
  private final Pattern pattern;
  private final Clock clock;
  private final Duration regexBudget;

  private RecordFilter(
      Field field, String name, Operator operator, String text, Clock clock, Duration budget) {
    this.field = field;
    this.name = name;
    this.path = field == Field.JSON_PATH ? JsonPath.parse(name) : null;
    this.operator = operator;
    this.text = text;
    this.pattern = operator == Operator.REGEX ? compile(text) : null;
    this.clock = clock;
    this.regexBudget = budget;
  }

  /**
   * A filter, checked: a header filter needs a name, a JSON path filter a valid path, a regex a
   * valid pattern; otherwise a {@link TributaryException} says what to fix.
   */
  static RecordFilter of(
      Field field, String name, Operator operator, String text, Clock clock, Duration regexBudget) {
    String named = name == null ? "" : name.strip();
    if (field == Field.HEADER && named.isEmpty()) {
      throw new TributaryException(
          ErrorCode.INVALID_REQUEST, "Enter the name of the header to filter on.");
    }
    return new RecordFilter(field, named, operator, text, clock, regexBudget);
  }

  /**
   * The predicate of one page: its regex budget starts now. A match past the budget throws a {@link
   * TributaryException} naming the record it stopped at.
   */
  Predicate<ShownRecord> matcher() {
    long deadline = clock.millis() + regexBudget.toMillis();
    return record -> {
      List<String> parts = parts(record);
      if (parts.isEmpty()) {
        return false;
      }
      try {
        return operator == Operator.NOT_CONTAINS
            ? parts.stream().noneMatch(this::contains)
            : parts.stream().anyMatch(part -> test(part, deadline));
      } catch (DeadlineText.Expired expired) {
        throw new TributaryException(
            ErrorCode.REQUEST_TIMED_OUT,
            "The regular expression ran past its budget of "
                + regexBudget.toMillis()
                + " ms at partition "
                + record.partition()
                + ", offset "
                + record.offset()
                + ". Simplify it: nested repetition such as (a+)+ can take very long on long"
                + " values.");
      }
    };
  }

  private boolean test(String part, long deadline) {
    return switch (operator) {
      case CONTAINS -> contains(part);
      case EQUALS -> part.equals(text);
      case REGEX -> pattern.matcher(new DeadlineText(part, clock, deadline)).find();
      case NOT_CONTAINS -> !contains(part);
    };
  }

  private boolean contains(String part) {
    return part.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
  }

  private List<String> parts(ShownRecord record) {
    List<String> parts = new ArrayList<>();
    switch (field) {
      case ANY -> {
        addText(parts, record.key());
        addText(parts, record.value());
        for (Header header : record.headers()) {
          parts.add(header.key());
          addText(parts, header.value());
        }
      }
      case KEY -> addText(parts, record.key());
      case VALUE -> addText(parts, record.value());
      case HEADER ->
          record.headers().stream()
              .filter(h -> h.key().equals(name))
              .forEach(h -> addText(parts, h.value()));
      case JSON_PATH -> {
        if (record.value() != null) {
          path.select(text(record.value())).ifPresent(parts::add);
        }
      }
    }
    return parts;
  }

  private static void addText(List<String> parts, byte[] bytes) {
    if (bytes != null) {
      parts.add(text(bytes));
    }
  }

  private static String text(byte[] bytes) {
    return ValueView.text(bytes, bytes.length);
  }

  private static Pattern compile(String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException invalid) {
      throw new TributaryException(
          ErrorCode.INVALID_REQUEST,
          "The regular expression is not valid: "
              + invalid.getDescription()
              + " near index "
              + invalid.getIndex()
              + ".");
    }
  }
}
