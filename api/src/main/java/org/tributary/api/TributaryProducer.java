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

  /**
   * Like {@link #send} without blocking the caller: outside a transaction the stage completes once
   * the record is durable; inside one it completes at once with where the record will be, and the
   * record becomes visible when the transaction commits.
   */
  CompletionStage<RecordMetadata> sendAsync(String topic, Object key, Object value);

  CompletionStage<RecordMetadata> sendAsync(
      String topic, Object key, Object value, List<Header> headers);
}
