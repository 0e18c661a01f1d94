package org.tributary.web;

import org.tributary.web.error.RequestRefusedException;

/** Query parameters that are whole numbers in a range; anything else is refused with 42200. */
public final class QueryParameters {

  private QueryParameters() {}

  /** The parameter's value, {@code absent} when it is missing or empty. */
  public static long number(String name, String value, long absent, long min, long max) {
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
    throw RequestRefusedException.invalidPayload(
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
