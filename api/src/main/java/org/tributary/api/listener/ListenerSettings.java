package org.tributary.api.listener;

import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.tributary.api.ConsumerSettings;
import org.tributary.api.OnRecord;

/**
 * A listener's settings: the annotation's, each overridable with MicroProfile Config under {@code
 * tributary.listener.<group>.<topic>.}.
 */
record ListenerSettings(
    String topic,
    String group,
    int concurrency,
    int maxAttempts,
    Duration backoff,
    String deadLetterTopic,
    ConsumerSettings.OffsetReset startAt,
    boolean transactional) {

  static ListenerSettings of(OnRecord annotation) {
    String prefix = "tributary.listener." + annotation.group() + "." + annotation.topic() + ".";
    Optional<Config> config = config();
    return new ListenerSettings(
        annotation.topic(),
        annotation.group(),
        Math.max(
            1, setting(config, prefix + "concurrency", Integer.class, annotation.concurrency())),
        Math.max(
            1, setting(config, prefix + "max-attempts", Integer.class, annotation.maxAttempts())),
        Duration.ofMillis(
            Math.max(
                0, setting(config, prefix + "backoff-ms", Long.class, annotation.backoffMillis()))),
        setting(
            config,
            prefix + "dead-letter-topic",
            String.class,
            annotation.deadLetterTopic().isEmpty()
                ? annotation.topic() + ".DLT"
                : annotation.deadLetterTopic()),
        annotation.startAt(),
        annotation.transactional());
  }

  /** The wait before attempt {@code attempt} (2, 3, ...): the backoff, doubled each time. */
  Duration backoffBefore(int attempt) {
    return backoff.multipliedBy(1L << Math.min(20, attempt - 2));
  }

  private static <T> T setting(Optional<Config> config, String key, Class<T> type, T fallback) {
    return config.flatMap(c -> c.getOptionalValue(key, type)).orElse(fallback);
  }

  private static Optional<Config> config() {
    try {
      return Optional.of(ConfigProvider.getConfig());
    } catch (RuntimeException | LinkageError noMicroProfileConfig) {
      return Optional.empty();
    }
  }
}
