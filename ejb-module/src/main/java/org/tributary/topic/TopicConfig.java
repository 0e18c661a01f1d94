package org.tributary.topic;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

/**
 * A topic's config: the values set on the topic (overrides) over Kafka's defaults. Immutable; every
 * instance has passed validation.
 */
public final class TopicConfig {

  private static final TopicConfig DEFAULTS = new TopicConfig(Map.of());

  private final Map<String, String> overrides;

  private TopicConfig(Map<String, String> overrides) {
    this.overrides = Collections.unmodifiableMap(new TreeMap<>(overrides));
  }

  public static TopicConfig defaults() {
    return DEFAULTS;
  }

  /** Validates every entry; unknown keys and malformed values are refused as INVALID_CONFIG. */
  public static TopicConfig of(Map<String, String> overrides) {
    overrides.forEach(TopicConfig::validate);
    return new TopicConfig(overrides);
  }

  /** A copy with {@code set} applied and the keys in {@code reset} back to their defaults. */
  public TopicConfig alter(Map<String, String> set, Collection<String> reset) {
    Map<String, String> changed = new TreeMap<>(overrides);
    reset.forEach(
        key -> {
          requireKnown(key);
          changed.remove(key);
        });
    set.forEach(TopicConfig::validate);
    changed.putAll(set);
    return new TopicConfig(changed);
  }

  public Map<String, String> overrides() {
    return overrides;
  }

  /** Every known key with its value in force, in the order Kafka tools print them. */
  public Map<String, String> effective() {
    Map<String, String> all = new LinkedHashMap<>();
    for (TopicConfigKey key : TopicConfigKey.values()) {
      all.put(key.key(), get(key));
    }
    return all;
  }

  public boolean isDefault(TopicConfigKey key) {
    return !overrides.containsKey(key.key());
  }

  public String get(TopicConfigKey key) {
    return overrides.getOrDefault(key.key(), key.defaultValue());
  }

  public int maxMessageBytes() {
    return Integer.parseInt(get(TopicConfigKey.MAX_MESSAGE_BYTES));
  }

  public long retentionMs() {
    return Long.parseLong(get(TopicConfigKey.RETENTION_MS));
  }

  public long retentionBytes() {
    return Long.parseLong(get(TopicConfigKey.RETENTION_BYTES));
  }

  /** Whether the log keeps the latest record per key ({@code cleanup.policy} has compact). */
  public boolean compacted() {
    return get(TopicConfigKey.CLEANUP_POLICY).contains("compact");
  }

  /** Whether retention deletes old batches ({@code cleanup.policy} has delete). */
  public boolean deletesOldRecords() {
    return get(TopicConfigKey.CLEANUP_POLICY).contains("delete");
  }

  public long deleteRetentionMs() {
    return Long.parseLong(get(TopicConfigKey.DELETE_RETENTION_MS));
  }

  public long minCompactionLagMs() {
    return Long.parseLong(get(TopicConfigKey.MIN_COMPACTION_LAG_MS));
  }

  public double minCleanableDirtyRatio() {
    return Double.parseDouble(get(TopicConfigKey.MIN_CLEANABLE_DIRTY_RATIO));
  }

  /**
   * Whether a producer's CreateTime is within {@code message.timestamp.before.max.ms} before and
   * {@code message.timestamp.after.max.ms} after {@code now}, as Kafka checks it. A LogAppendTime
   * topic takes any: it replaces the producer's timestamp.
   */
  public boolean acceptsTimestamp(long timestamp, long now) {
    if (logAppendTime()) {
      return true;
    }
    long before = Long.parseLong(get(TopicConfigKey.MESSAGE_TIMESTAMP_BEFORE_MAX_MS));
    long after = Long.parseLong(get(TopicConfigKey.MESSAGE_TIMESTAMP_AFTER_MAX_MS));
    // Differences, not bounds: now + after would overflow with Long.MAX_VALUE.
    return timestamp >= now ? timestamp - now <= after : now - timestamp <= before;
  }

  public boolean logAppendTime() {
    return get(TopicConfigKey.MESSAGE_TIMESTAMP_TYPE).equals("LogAppendTime");
  }

  /** The compression codec that stored batches use; "producer" keeps what producers send. */
  public String compressionType() {
    return get(TopicConfigKey.COMPRESSION_TYPE);
  }

  private static void validate(String key, String value) {
    TopicConfigKey known = requireKnown(key);
    if (!known.accepts(value)) {
      throw new TributaryException(
          ErrorCode.INVALID_CONFIG,
          "Invalid value '"
              + value
              + "' for config '"
              + key
              + "': expected "
              + known.expectation()
              + ".");
    }
  }

  private static TopicConfigKey requireKnown(String key) {
    return TopicConfigKey.byName(key)
        .orElseThrow(
            () ->
                new TributaryException(
                    ErrorCode.INVALID_CONFIG,
                    "Unknown topic config '"
                        + key
                        + "'. Supported: "
                        + Arrays.stream(TopicConfigKey.values())
                            .map(TopicConfigKey::key)
                            .collect(Collectors.joining(", "))
                        + "."));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TopicConfig config && overrides.equals(config.overrides);
  }

  @Override
  public int hashCode() {
    return overrides.hashCode();
  }

  @Override
  public String toString() {
    return overrides.toString();
  }
}
