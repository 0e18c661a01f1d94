package org.tributary.web.v3;

import java.util.Map;
import java.util.TreeMap;
import org.tributary.web.error.RequestRefusedException;

/**
 * Where a record stream stands: every partition's position (the next offset to send). A record
 * event's id is the positions just after it, {@code 0:43,1:17} (partitions ascending), so a client
 * that reconnects with its {@code Last-Event-ID} resumes every partition exactly where the events
 * it received end, however the partitions' events were interleaved.
 *
 * <p>Not thread-safe: {@link TopicTail} advances it and queues the event under its monitor, so that
 * events reach the stream in the order of their ids.
 */
final class StreamPositions {

  private static final int SHOWN_CHARACTERS = 200;

  private final TreeMap<Integer, Long> positions;

  StreamPositions(Map<Integer, Long> start) {
    this.positions = new TreeMap<>(start);
  }

  Map<Integer, Long> positions() {
    return Map.copyOf(positions);
  }

  void advance(int partition, long nextOffset) {
    positions.put(partition, nextOffset);
  }

  /** The id of an event sent now. */
  String eventId() {
    StringBuilder id = new StringBuilder(positions.size() * 8);
    positions.forEach(
        (partition, offset) ->
            id.append(id.isEmpty() ? "" : ",").append(partition).append(':').append(offset));
    return id.toString();
  }

  /**
   * The positions an event id names; refused (422, 42200) unless it is one this stream sends:
   * {@code partition:offset} pairs of decimal numbers, separated by commas, each partition once.
   */
  static Map<Integer, Long> parse(String eventId) {
    Map<Integer, Long> parsed = new TreeMap<>();
    for (String pair : eventId.split(",", -1)) {
      int colon = pair.indexOf(':');
      if (colon < 0 || !digits(pair, 0, colon) || !digits(pair, colon + 1, pair.length())) {
        throw malformed(eventId);
      }
      try {
        int partition = Integer.parseInt(pair, 0, colon, 10);
        long offset = Long.parseLong(pair, colon + 1, pair.length(), 10);
        if (parsed.put(partition, offset) != null) {
          throw malformed(eventId);
        }
      } catch (NumberFormatException tooLarge) {
        throw malformed(eventId);
      }
    }
    return parsed;
  }

  private static boolean digits(String text, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static RequestRefusedException malformed(String eventId) {
    String shown =
        eventId.length() > SHOWN_CHARACTERS
            ? eventId.substring(0, SHOWN_CHARACTERS) + "..."
            : eventId;
    return RequestRefusedException.invalidPayload(
        "Header Last-Event-ID must be the id of an event of this stream: each partition's next"
            + " offset as partition:offset, separated by commas (0:43,1:17), was '"
            + shown
            + "'.");
  }
}
