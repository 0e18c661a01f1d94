package org.tributary.log;

import java.util.List;

/**
 * A record a producer asks to append. {@code partition} and {@code timestamp} are optional: the
 * partitioner chooses a partition when none is given, and the broker's clock gives the time.
 */
public record NewRecord(
    Integer partition, byte[] key, byte[] value, List<Header> headers, Long timestamp) {

  public NewRecord {
    headers = headers == null ? List.of() : List.copyOf(headers);
  }

  /** The bytes of key and value, as a client counts what it sends. */
  public long keyAndValueSize() {
    return (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
  }

  /** The bytes of key, value and headers: what the record costs while it waits to be appended. */
  public long payloadBytes() {
    long bytes = keyAndValueSize();
    for (Header header : headers) {
      bytes += header.key().length() + (header.value() == null ? 0 : header.value().length);
    }
    return bytes;
  }

  static long payloadBytes(List<NewRecord> records) {
    long bytes = 0;
    for (NewRecord record : records) {
      bytes += record.payloadBytes();
    }
    return bytes;
  }

  public static NewRecord of(byte[] key, byte[] value) {
    return new NewRecord(null, key, value, List.of(), null);
  }
}
