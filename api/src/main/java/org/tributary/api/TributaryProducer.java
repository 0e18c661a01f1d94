package org.tributary.api;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Appends records to topics. Keys and values are {@code String}, {@code byte[]}, {@code null} (a
 * null value is a tombstone) or any object a {@link RecordSerializer} handles (JSON-B by default).
 *
 * <p>Inside a JTA transaction a send joins it: the record becomes visible to consumers when the
 * transaction commits and never if it rolls back, and the returned metadata says where it will be.
 * Outside one, {@code send} returns once the record is durable.
 */
public interface TributaryProducer {

  RecordMetadata send(String topic, Object key, Object value);

  RecordMetadata send(String topic, Object key, Object value, List<Header> headers);

  /** Like {@link #send}, completing when the record is durable, without blocking the caller. */
  CompletionStage<RecordMetadata> sendAsync(String topic, Object key, Object value);

  CompletionStage<RecordMetadata> sendAsync(
      String topic, Object key, Object value, List<Header> headers);
}
