package org.tributary.topic;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** The topic configs Tributary understands, with Kafka's names, defaults and valid values. */
public enum TopicConfigKey {
  CLEANUP_POLICY(
      "cleanup.policy",
      "delete",
      value -> Set.of("delete", "compact", "compact,delete", "delete,compact").contains(value),
      "one of delete, compact, compact,delete"),
  COMPRESSION_TYPE(
      "compression.type",
      "producer",
      value -> Set.of("producer", "uncompressed", "gzip", "snappy", "lz4", "zstd").contains(value),
      "one of producer, uncompressed, gzip, snappy, lz4, zstd"),
  DELETE_RETENTION_MS(
      "delete.retention.ms", "86400000", between(0, Long.MAX_VALUE), "a whole number >= 0"),
  MAX_MESSAGE_BYTES(
      "max.message.bytes",
      "1048588",
      between(0, TopicConfigKey.MAX_BATCH_BYTES),
      "a whole number from 0 to " + TopicConfigKey.MAX_BATCH_BYTES),
  MESSAGE_TIMESTAMP_AFTER_MAX_MS(
      "message.timestamp.after.max.ms",
      "3600000",
      between(0, Long.MAX_VALUE),
      "a whole number >= 0 (ms a CreateTime may be ahead)"),
  MESSAGE_TIMESTAMP_BEFORE_MAX_MS(
      "message.timestamp.before.max.ms",
      String.valueOf(Long.MAX_VALUE),
      between(0, Long.MAX_VALUE),
      "a whole number >= 0 (ms a CreateTime may be behind)"),
  MESSAGE_TIMESTAMP_TYPE(
      "message.timestamp.type",
      "CreateTime",
      value -> value.equals("CreateTime") || value.equals("LogAppendTime"),
      "CreateTime or LogAppendTime"),
  MIN_CLEANABLE_DIRTY_RATIO(
      "min.cleanable.dirty.ratio",
      "0.5",
      TopicConfigKey::isRatio,
      "a number from 0 to 1 (the share of the log written since its last compaction)"),
  MIN_COMPACTION_LAG_MS(
      "min.compaction.lag.ms", "0", between(0, Long.MAX_VALUE), "a whole number >= 0"),
  RETENTION_BYTES(
      "retention.bytes", "-1", between(-1, Long.MAX_VALUE), "a whole number >= -1 (-1: no limit)"),
  RETENTION_MS(
      "retention.ms",
      "604800000",
      between(-1, Long.MAX_VALUE),
      "a whole number >= -1 (-1: forever)");

  /** The largest record batch Tributary stores (a database row holds one batch). */
  public static final int MAX_BATCH_BYTES = 64 * 1024 * 1024;

  private final String key;
  private final String defaultValue;
  private final Predicate<String> valid;
  private final String expectation;

  TopicConfigKey(String key, String defaultValue, Predicate<String> valid, String expectation) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.valid = valid;
    this.expectation = expectation;
  }

  public String key() {
    return key;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String expectation() {
    return expectation;
  }

  boolean accepts(String value) {
    return value != null && valid.test(value);
  }

  public static Optional<TopicConfigKey> byName(String key) {
    return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
  }

  private static boolean isRatio(String value) {
    try {
      double parsed = Double.parseDouble(value);
      return parsed >= 0 && parsed <= 1;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static Predicate<String> between(long minimum, long maximum) {
    return value -> {
      try {
        long parsed = Long.parseLong(value);
        return parsed >= minimum && parsed <= maximum;
      } catch (NumberFormatException e) {
        return false;
      }
    };
  }
}
