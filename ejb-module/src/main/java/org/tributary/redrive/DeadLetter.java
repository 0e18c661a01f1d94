package org.tributary.redrive;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.tributary.log.Header;
import org.tributary.log.NewRecord;
import org.tributary.log.Record;

/**
 * A record of a dead-letter topic as the listener runtime wrote it: the original record's key,
 * value and headers, followed by {@code tributary.dlt.*} headers saying where it came from and why
 * it failed. Redriven, it is the original record again: the same key, value and headers, without
 * the dead-letter ones (a failure after the redrive writes fresh ones).
 */
record DeadLetter(Record record) {

  /** The prefix of the headers the listener runtime adds (api's {@code ListenerLoop#why}). */
  static final String HEADER_PREFIX = "tributary.dlt.";

  /** The header naming the topic the record failed on. */
  static final String TOPIC_HEADER = HEADER_PREFIX + "topic";

  /**
   * The topic named in the last {@value #TOPIC_HEADER} header (a record that failed twice carries
   * the latest last), if any and not blank.
   */
  Optional<String> originalTopic() {
    String topic = null;
    for (Header header : record.headers()) {
      if (header.key().equals(TOPIC_HEADER) && header.value() != null) {
        topic = new String(header.value(), StandardCharsets.UTF_8).strip();
      }
    }
    return topic == null || topic.isEmpty() ? Optional.empty() : Optional.of(topic);
  }

  /** The record to send back: partition chosen by its key, a new timestamp. */
  NewRecord redriven() {
    List<Header> headers =
        record.headers().stream().filter(h -> !h.key().startsWith(HEADER_PREFIX)).toList();
    return new NewRecord(null, record.key(), record.value(), headers, null);
  }
}
