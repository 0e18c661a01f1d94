package org.tributary.web.v2;

import jakarta.json.JsonString;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tributary.group.OffsetAndMetadata;
import org.tributary.topic.TopicPartition;
import org.tributary.web.json.JsonBody;

/** Reads the bodies of REST Proxy v2 consumer requests. */
final class ConsumerRequests {

  private ConsumerRequests() {}

  /**
   * {@code {"partitions": [{"topic", "partition"}]}}, required as in REST Proxy; an empty list
   * means every partition the consumer owns, as in Kafka's consumer.
   */
  static List<TopicPartition> partitions(String body) {
    return JsonBody.parse(body).requiredObjects("partitions").stream()
        .map(ConsumerRequests::partition)
        .toList();
  }

  /** {@code {"offsets": [{"topic", "partition", "offset"}]}}: where to seek. */
  static Map<TopicPartition, Long> positions(String body) {
    Map<TopicPartition, Long> positions = new LinkedHashMap<>();
    for (JsonBody entry : JsonBody.parse(body).requiredObjects("offsets")) {
      long offset = entry.requiredLong("offset");
      if (offset < 0) {
        throw entry.invalid("offset", "must not be negative");
      }
      positions.put(partition(entry), offset);
    }
    return positions;
  }

  /**
   * {@code {"offsets": [{"topic", "partition", "offset", "metadata"}]}}: as in REST Proxy, each
   * offset is the last one processed, so the group resumes at the next.
   */
  static Map<TopicPartition, OffsetAndMetadata> commits(JsonBody request) {
    Map<TopicPartition, OffsetAndMetadata> commits = new LinkedHashMap<>();
    Instant now = Instant.now();
    for (JsonBody entry : request.requiredObjects("offsets")) {
      long offset = entry.requiredLong("offset");
      if (offset < 0 || offset == Long.MAX_VALUE) {
        throw entry.invalid("offset", "must be between 0 and " + (Long.MAX_VALUE - 1));
      }
      String metadata = entry.optionalString("metadata");
      commits.put(
          partition(entry),
          new OffsetAndMetadata(offset + 1, metadata == null ? "" : metadata, now));
    }
    return commits;
  }

  /** {@code {"timestamps": [{"topic", "partition", "timestamp": ms or ISO-8601}]}}. */
  static Map<TopicPartition, Long> timestamps(String body) {
    Map<TopicPartition, Long> timestamps = new LinkedHashMap<>();
    for (JsonBody entry : JsonBody.parse(body).requiredObjects("timestamps")) {
      timestamps.put(partition(entry), epochMillis(entry, "timestamp"));
    }
    return timestamps;
  }

  /** A timestamp given as epoch milliseconds or as an ISO-8601 instant. */
  static long epochMillis(JsonBody entry, String name) {
    if (entry.value(name) instanceof JsonString) {
      return entry.optionalInstant(name).toEpochMilli();
    }
    long millis = entry.requiredLong(name);
    if (millis < 0) {
      throw entry.invalid(name, "must not be negative");
    }
    return millis;
  }

  static TopicPartition partition(JsonBody entry) {
    return new TopicPartition(entry.requiredString("topic"), entry.requiredInt("partition"));
  }
}
