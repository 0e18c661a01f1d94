package org.tributary.web.sse;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The events of one stream that are not yet handed to the connection, with how long they have
 * waited. Producers stop adding once it holds {@code softLimitBytes} ({@link #hasRoom}), so it
 * stays bounded by that plus what one refill adds; a buffer whose oldest pending byte has not moved
 * for a while is {@link #stalledFor stalled}: its client is not reading.
 *
 * <p>Not thread-safe: its stream's monitor guards it.
 */
final class EventBuffer {

  private final Deque<byte[]> events = new ArrayDeque<>();
  private final long softLimitBytes;
  private final Clock clock;
  private long bytes;

  /** When the connection last took bytes, or when the buffer last became non-empty. */
  private long progressMillis;

  EventBuffer(long softLimitBytes, Clock clock) {
    this.softLimitBytes = softLimitBytes;
    this.clock = clock;
    this.progressMillis = clock.millis();
  }

  void add(byte[] event) {
    if (events.isEmpty()) {
      progressMillis = clock.millis();
    }
    events.addLast(event);
    bytes += event.length;
  }

  /** The next event to write, taken out: the connection accepted it. */
  byte[] take() {
    byte[] event = events.pollFirst();
    if (event != null) {
      bytes -= event.length;
      progressMillis = clock.millis();
    }
    return event;
  }

  boolean isEmpty() {
    return events.isEmpty();
  }

  /** Whether producers may add more: below the soft limit. */
  boolean hasRoom() {
    return bytes < softLimitBytes;
  }

  long bytes() {
    return bytes;
  }

  /** How long events have waited without the connection taking any; zero when none waits. */
  long stalledForMillis() {
    return events.isEmpty() ? 0 : Math.max(0, clock.millis() - progressMillis);
  }

  void clear() {
    events.clear();
    bytes = 0;
  }
}
