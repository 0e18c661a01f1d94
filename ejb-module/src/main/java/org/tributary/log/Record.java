package org.tributary.log;

import java.util.List;

/** A record as read from a partition's log. */
public record Record(
    long offset, long timestamp, byte[] key, byte[] value, List<Header> headers, int sizeInBytes) {

  /** The bytes of key and value, as a client counts what it reads. */
  public long keyAndValueSize() {
    return (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
  }
}
