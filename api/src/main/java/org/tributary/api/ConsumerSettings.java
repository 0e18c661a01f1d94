package org.tributary.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How a consumer behaves, with Kafka's meaning: its group, where it starts without a committed
 * offset, whether it commits by itself, and how long the group waits for it.
 */
public record ConsumerSettings(
    String groupId, OffsetReset autoOffsetReset, boolean autoCommit, Duration sessionTimeout) {

  /** Kafka's {@code auto.offset.reset}. */
  public enum OffsetReset {
    EARLIEST,
    LATEST,
    NONE
  }

  public ConsumerSettings {
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(autoOffsetReset, "autoOffsetReset");
    Objects.requireNonNull(sessionTimeout, "sessionTimeout");
  }

  /** Group {@code groupId}, starting at the latest offset, no auto-commit, 45 s session. */
  public static ConsumerSettings group(String groupId) {
    return new ConsumerSettings(groupId, OffsetReset.LATEST, false, Duration.ofSeconds(45));
  }

  public ConsumerSettings startingAt(OffsetReset reset) {
    return new ConsumerSettings(groupId, reset, autoCommit, sessionTimeout);
  }

  public ConsumerSettings withAutoCommit(boolean enabled) {
    return new ConsumerSettings(groupId, autoOffsetReset, enabled, sessionTimeout);
  }

  public ConsumerSettings withSessionTimeout(Duration timeout) {
    return new ConsumerSettings(groupId, autoOffsetReset, autoCommit, timeout);
  }
}
