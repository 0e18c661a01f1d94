package org.tributary.api.listener;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.tributary.api.ConsumerSettings;
import org.tributary.api.OnRecord;

/**
 * A listener's settings: an {@code @OnRecord} annotation's, each overridable with MicroProfile
 * Config under {@code tributary.listener.<group>.<topic>.}, or a message-driven bean's activation
 * properties.
 *
 * @param deadLetterTopic where records go after the last attempt; empty: {@code <topic>.DLT} of the
 *     record's topic
 */
public record ListenerSettings(
    List<String> topics,
    String group,
    int concurrency,
    int maxAttempts,
    Duration backoff,
    String deadLetterTopic,
    ConsumerSettings.OffsetReset startAt,
    boolean transactional) {

  public ListenerSettings {
    topics = List.copyOf(topics);
  }

  static ListenerSettings of(OnRecord annotation) {
    String prefix = "tributary.listener." + annotation.group() + "." + annotation.topic() + ".";
    Optional<Config> config = config();
    return new ListenerSettings(
        List.of(annotation.topic()),
        annotation.group(),
        Math.max(
            1, setting(config, prefix + "concurrency", Integer.class, annotation.concurrency())),
        Math.max(
            1, setting(config, prefix + "max-attempts", Integer.class, annotation.maxAttempts())),
        Duration.ofMillis(
            Math.max(
                0, setting(config, prefix + "backoff-ms", Long.class, annotation.backoffMillis()))),
        setting(config, prefix + "dead-letter-topic", String.class, annotation.deadLetterTopic()),
        annotation.startAt(),
        annotation.transactional());
  }

  /** The wait before attempt {@code attempt} (2, 3, ...): the backoff, doubled each time. */
  Duration backoffBefore(int attempt) {
    return backoff.multipliedBy(1L << Math.min(20, attempt - 2));
  }

  /** Where a record of {@code topic} goes after its last attempt. */
  String deadLetterTopicFor(String topic) {
    return deadLetterTopic.isEmpty() ? topic + ".DLT" : deadLetterTopic;
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
