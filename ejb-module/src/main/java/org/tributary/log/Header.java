package org.tributary.log;

import java.util.Arrays;
import java.util.Objects;

/** A record header: a name and a value of raw bytes (nullable, as in Kafka). */
public record Header(String key, byte[] value) {

  public Header {
    Objects.requireNonNull(key, "header key");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Header header
        && key.equals(header.key)
        && Arrays.equals(value, header.value);
  }

  @Override
  public int hashCode() {
    return 31 * key.hashCode() + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return key + "=" + (value == null ? "null" : value.length + " bytes");
  }
}
