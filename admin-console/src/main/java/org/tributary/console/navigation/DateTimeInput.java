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

  public static Instant parse(String typed) {
    String text = typed == null ? "" : typed.strip();
    try {
      if (text.endsWith("Z")) {
        return Instant.parse(text);
      }
      if (text.matches(".*[+-]\\d\\d:\\d\\d$")) {
        return OffsetDateTime.parse(text).toInstant();
      }
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new TributaryException(
          ErrorCode.INVALID_REQUEST,
          "Enter the date-time as 2026-11-25T18:00:00 (UTC) or with a zone, such as"
              + " 2026-11-25T18:00:00Z; was '"
              + text
              + "'.");
    }
  }
}
