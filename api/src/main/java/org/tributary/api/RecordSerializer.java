package org.tributary.api;

/**
 * The SPI that turns keys and values into bytes and back. Implementations are found with {@link
 * java.util.ServiceLoader} ({@code META-INF/services/org.tributary.api.RecordSerializer}); the one
 * with the highest {@link #priority()} that {@link #handles} a type wins. Built in: {@code String}
 * (UTF-8) and {@code byte[]}, and JSON-B for everything else, at the lowest priority.
 */
public interface RecordSerializer {

  boolean handles(Class<?> type);

  byte[] serialize(Object value);

  <T> T deserialize(byte[] data, Class<T> type);

  default int priority() {
    return 0;
  }
}
