package org.tributary.console.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.tributary.console.messages.RecordFilter.Field;
import org.tributary.console.messages.RecordFilter.Operator;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.log.Header;

class RecordFilterTest {

  private static final Duration BUDGET = Duration.ofSeconds(2);

  private static byte[] utf8(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  private static ShownRecord record(String key, String value, Header... headers) {
    byte[] bytes = utf8(value);
    return new ShownRecord(
        0, 5, 0, utf8(key), bytes, bytes == null ? 0 : bytes.length, List.of(headers));
  }

  private static Header header(String name, String value) {
    return new Header(name, utf8(value));
  }

  private static Predicate<ShownRecord> filter(
      Field field, String name, Operator operator, String text) {
    return RecordFilter.of(field, name, operator, text, Clock.systemUTC(), BUDGET).matcher();
  }

  @Test
  void containsIgnoresCaseAndLooksAtKeyValueAndHeadersForAny() {
    Predicate<ShownRecord> apple = filter(Field.ANY, null, Operator.CONTAINS, "APPLE");
    assertTrue(apple.test(record(null, "apple pie")));
    assertTrue(apple.test(record("pineapple", "x")));
    assertTrue(apple.test(record(null, "x", header("fruit", "Apple"))));
    assertTrue(apple.test(record(null, "x", header("apple-count", "1"))));
    assertFalse(apple.test(record("kiwi", "banana")));
  }

  @Test
  void equalsComparesTheWholeFieldExactly() {
    Predicate<ShownRecord> key = filter(Field.KEY, null, Operator.EQUALS, "order-7");
    assertTrue(key.test(record("order-7", "v")));
    assertFalse(key.test(record("order-77", "v")));
    assertFalse(key.test(record("ORDER-7", "v")));
    assertFalse(key.test(record(null, "order-7")), "a record without a key never matches");
  }

  @Test
  void doesNotContainKeepsRecordsWhoseFieldLacksTheTextButNotThoseWithoutTheField() {
    Predicate<ShownRecord> noError = filter(Field.VALUE, null, Operator.NOT_CONTAINS, "error");
    assertTrue(noError.test(record(null, "all fine")));
    assertFalse(noError.test(record(null, "an ERROR here")));
    assertFalse(noError.test(record("k", null)), "a tombstone has no value to look at");
  }

  @Test
  void aHeaderFilterLooksAtEveryHeaderOfThatNameOnly() {
    Predicate<ShownRecord> source = filter(Field.HEADER, "source", Operator.EQUALS, "billing");
    assertTrue(
        source.test(record(null, "v", header("source", "web"), header("source", "billing"))));
    assertFalse(source.test(record(null, "billing", header("origin", "billing"))));
    TributaryException unnamed =
        assertThrows(
            TributaryException.class, () -> filter(Field.HEADER, " ", Operator.EQUALS, "x"));
    assertEquals(ErrorCode.INVALID_REQUEST, unnamed.code());
  }

  @Test
  void aJsonPathFilterComparesTheSelectedValue() {
    Predicate<ShownRecord> customer =
        filter(Field.JSON_PATH, "$.customer.id", Operator.EQUALS, "42");
    assertTrue(customer.test(record(null, "{\"customer\":{\"id\":42}}")));
    assertTrue(customer.test(record(null, "{\"customer\":{\"id\":\"42\"}}")));
    assertFalse(customer.test(record(null, "{\"customer\":{\"id\":421}}")));
    assertFalse(customer.test(record(null, "not json at all")));
    assertFalse(customer.test(record(null, "{\"customer\":null}")));
  }

  @Test
  void aRegexFindsItsPatternAnywhereInTheField() {
    Predicate<ShownRecord> digits = filter(Field.VALUE, null, Operator.REGEX, "id=\\d{3}\\b");
    assertTrue(digits.test(record(null, "x id=123 y")));
    assertFalse(digits.test(record(null, "x id=1234 y")));
    assertTrue(filter(Field.KEY, null, Operator.REGEX, "(?i)^ORDER").test(record("order-1", "v")));
  }

  @Test
  void anInvalidRegexIsRefusedWithWhereItBreaks() {
    TributaryException invalid =
        assertThrows(TributaryException.class, () -> filter(Field.ANY, null, Operator.REGEX, "(a"));
    assertEquals(ErrorCode.INVALID_REQUEST, invalid.code());
    assertTrue(invalid.getMessage().contains("not valid"), invalid.getMessage());
  }

  @Test
  void aCatastrophicRegexStopsAtTheBudgetOfTheInjectedClock() {
    // Each read of the clock moves it on a second: the budget of 2 s is gone at the third read.
    Clock ticking =
        new Clock() {
          private long millis;

          @Override
          public long millis() {
            long now = millis;
            millis += 1_000;
            return now;
          }

          @Override
          public Instant instant() {
            return Instant.ofEpochMilli(millis());
          }

          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }
        };
    Predicate<ShownRecord> runaway =
        RecordFilter.of(Field.VALUE, null, Operator.REGEX, "(a+)+$", ticking, BUDGET).matcher();
    ShownRecord longValue = record(null, "a".repeat(100_000) + "!");
    TributaryException stopped =
        assertThrows(TributaryException.class, () -> runaway.test(longValue));
    assertEquals(ErrorCode.REQUEST_TIMED_OUT, stopped.code());
    assertTrue(stopped.getMessage().contains("budget of 2000 ms"), stopped.getMessage());
    assertTrue(stopped.getMessage().contains("offset 5"), stopped.getMessage());
  }

  @Test
  void aCatastrophicRegexStopsWithinTheBudgetOnTheRealClock() {
    Predicate<ShownRecord> runaway =
        RecordFilter.of(
                Field.VALUE,
                null,
                Operator.REGEX,
                "(a+)+$",
                Clock.systemUTC(),
                Duration.ofMillis(300))
            .matcher();
    ShownRecord longValue = record(null, "a".repeat(100_000) + "!");
    long started = System.nanoTime();
    assertThrows(TributaryException.class, () -> runaway.test(longValue));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "stopped after " + took);
  }
}
