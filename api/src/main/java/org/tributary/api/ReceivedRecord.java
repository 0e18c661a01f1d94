package org.tributary.api;

import java.util.List;
import java.util.Optional;

/** A record as a consumer receives it; keys and values convert through the serializers. */
public record ReceivedRecord(
    String topic,
    int partition,
    long offset,
    long timestamp,
    byte[] key,
    byte[] value,
    List<Header> headers) {

  public TopicPartition topicPartition() {
    return new TopicPartition(topic, partition);
  }

  /** The value as a {@code type}: String, byte[], or through a {@link RecordSerializer}. */
  public <T> T value(Class<T> type) {
    return Serializers.deserialize(value, type);
  }

  public <T> T key(Class<T> type) {
    return Serializers.deserialize(key, type);
  }

  /** The last header of that name, if any. */
  public Optional<Header> header(String name) {
    Header found = null;
    for (Header header : headers) {
      if (header.name().equals(name)) {
        found = header;
      }
    }
    return Optional.ofNullable(found);
  }
}
