package org.tributary.web;

import java.util.function.Function;
import org.tributary.web.error.RequestRefusedException;

/**
 * Query parameters that are whole numbers in a range; anything else is refused with 42200, or with
 * the refusal the endpoint documents.
 */
public final class QueryParameters {

  private QueryParameters() {}

  /** The parameter's value, {@code absent} when it is missing or empty; 42200 when out of range. */
  public static long number(String name, String value, long absent, long min, long max) {
    return number(name, value, absent, min, max, RequestRefusedException::invalidPayload);
  }

  /**
   * The parameter's value, {@code absent} when it is missing or empty; anything else is refused
   * with {@code refusal} applied to a message that names the parameter and its range.
   */
  public static long number(
      String name,
      String value,
      long absent,
      long min,
      long max,
      Function<String, ? extends RuntimeException> refusal) {
    if (value == null || value.isBlank()) {
      return absent;
    }
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException notANumber) {
      // refused below, with the range
    }
    throw refusal.apply(
        "Query parameter '"
            + name
            + "' must be a whole number from "
            + min
            + " to "
            + max
            + ", was '"
            + value
            + "'.");
  }
}
