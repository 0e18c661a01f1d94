package org.tributary.console.navigation;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

/** A date-time typed into a form: ISO-8601 with a zone or offset, or without one for UTC. */
public final class DateTimeInput {

  private DateTimeInput() {}

  private static final Instant EARLIEST = Instant.EPOCH;
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  /** A date-time from 1970 to 9999 (record timestamps are milliseconds since 1970). */
  public static Instant parse(String typed) {
    String text = typed == null ? "" : typed.strip();
    Instant parsed;
    try {
      if (text.endsWith("Z")) {
        parsed = Instant.parse(text);
      } else if (text.matches(".*[+-]\\d\\d:\\d\\d$")) {
        parsed = OffsetDateTime.parse(text).toInstant();
      } else {
        parsed = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      }
    } catch (DateTimeParseException e) {
      throw new TributaryException(
          ErrorCode.INVALID_REQUEST,
          "Enter the date-time as 2026-11-25T18:00:00 (UTC) or with a zone, such as"
              + " 2026-11-25T18:00:00Z; was '"
              + text
              + "'.");
    }
    if (parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
      throw new TributaryException(
          ErrorCode.INVALID_REQUEST, "Enter a date-time from 1970 to 9999; was '" + text + "'.");
    }
    return parsed;
  }
}
