package org.tributary.console.messages;

import java.util.Arrays;
import java.util.List;
import org.tributary.log.Header;
import org.tributary.log.Record;

/**
 * A record on the browser's page: where it is in the log, and its content. A page keeps at most
 * {@link ValueView#LIMIT} bytes of a value ({@link #trimmed}); {@code valueSize} is its real size,
 * and an export reads the whole record again.
 */
public record ShownRecord(
    int partition,
    long offset,
    long timestamp,
    byte[] key,
    byte[] value,
    int valueSize,
    List<Header> headers) {

  static ShownRecord of(int partition, Record record) {
    return new ShownRecord(
        partition,
        record.offset(),
        record.timestamp(),
        record.key(),
        record.value(),
        record.value() == null ? 0 : record.value().length,
        record.headers());
  }

  /** This record as a page keeps it: the value cut at the display limit. */
  ShownRecord trimmed() {
    return isComplete()
        ? this
        : new ShownRecord(
            partition,
            offset,
            timestamp,
            key,
            Arrays.copyOf(value, ValueView.LIMIT),
            valueSize,
            headers);
  }

  /** Whether the value is all there (not cut for the page). */
  boolean isComplete() {
    return value == null || value.length == valueSize && valueSize <= ValueView.LIMIT;
  }

  /** The record's place in its topic, {@code partition-offset}: a key for choosing it. */
  public String position() {
    return partition + "-" + offset;
  }

  public String keyText() {
    return key == null ? null : ValueView.text(key, Math.min(key.length, ValueView.LIMIT));
  }

  public String headersText() {
    StringBuilder out = new StringBuilder();
    for (Header header : headers) {
      out.append(header.key())
          .append(": ")
          .append(
              header.value() == null
                  ? "null"
                  : ValueView.text(header.value(), header.value().length))
          .append('\n');
    }
    return out.toString().stripTrailing();
  }
}
