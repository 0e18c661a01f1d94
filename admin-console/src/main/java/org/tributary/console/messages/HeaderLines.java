package org.tributary.console.messages;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.log.Header;

/** Headers typed on the produce form, one {@code name: value} per line. */
final class HeaderLines {

  private HeaderLines() {}

  static List<Header> parse(String text) {
    List<Header> headers = new ArrayList<>();
    if (text == null) {
      return headers;
    }
    int number = 0;
    for (String line : text.split("\\R")) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new TributaryException(
            ErrorCode.INVALID_RECORD,
            "Header line " + number + " needs the form name: value, was '" + line.strip() + "'.");
      }
      headers.add(
          new Header(
              line.substring(0, colon).strip(),
              line.substring(colon + 1).strip().getBytes(StandardCharsets.UTF_8)));
    }
    return headers;
  }
}
