package org.tributary.api;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** A record header: a name and raw bytes (nullable). Headers are ordered and may repeat. */
public record Header(String name, byte[] value) {

  public Header {
    Objects.requireNonNull(name, "name");
  }

  /** A header whose value is the UTF-8 bytes of {@code value}. */
  public static Header of(String name, String value) {
    return new Header(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  /** The value as UTF-8 text, or null. */
  public String valueAsString() {
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }
}
