package org.tributary.log;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;
import org.tributary.topic.TopicConfigKey;

/**
 * The broker configs, with Kafka's names (Kafka's {@code KafkaConfig}): the server settings that
 * Tributary reads at start, and the defaults a new topic gets under their broker-level names
 * ({@code log.retention.ms} for {@code retention.ms}, as Kafka's {@code
 * ServerTopicConfigSynonyms}). They change only with a restart, so all are read-only here.
 */
@ApplicationScoped
public class BrokerConfigs {

  /** This server's broker id: one server, one broker. */
  public static final int BROKER_ID = 0;

  /** Config sources below this ordinal are Tributary's own defaults (its properties file). */
  private static final int APPLICATION_DEFAULTS_ORDINAL = 100;

  /** Kafka's broker-level name of each topic config's default. */
  static final Map<TopicConfigKey, String> TOPIC_CONFIG_SYNONYMS =
      Map.ofEntries(
          Map.entry(TopicConfigKey.CLEANUP_POLICY, "log.cleanup.policy"),
          Map.entry(TopicConfigKey.COMPRESSION_TYPE, "compression.type"),
          Map.entry(TopicConfigKey.DELETE_RETENTION_MS, "log.cleaner.delete.retention.ms"),
          Map.entry(TopicConfigKey.MAX_MESSAGE_BYTES, "message.max.bytes"),
          Map.entry(
              TopicConfigKey.MESSAGE_TIMESTAMP_AFTER_MAX_MS, "log.message.timestamp.after.max.ms"),
          Map.entry(
              TopicConfigKey.MESSAGE_TIMESTAMP_BEFORE_MAX_MS,
              "log.message.timestamp.before.max.ms"),
          Map.entry(TopicConfigKey.MESSAGE_TIMESTAMP_TYPE, "log.message.timestamp.type"),
          Map.entry(TopicConfigKey.MIN_CLEANABLE_DIRTY_RATIO, "log.cleaner.min.cleanable.ratio"),
          Map.entry(TopicConfigKey.MIN_COMPACTION_LAG_MS, "log.cleaner.min.compaction.lag.ms"),
          Map.entry(TopicConfigKey.RETENTION_BYTES, "log.retention.bytes"),
          Map.entry(TopicConfigKey.RETENTION_MS, "log.retention.ms"));

  /**
   * A server setting: Kafka's name, the property Tributary reads (null: fixed), and the default of
   * the bean that reads it ({@code BrokerConfigsTest} holds the two together).
   */
  record Setting(String name, String property, String defaultValue) {}

  static final List<Setting> SETTINGS =
      List.of(
          new Setting("broker.id", null, String.valueOf(BROKER_ID)),
          new Setting("default.replication.factor", null, "1"),
          new Setting("min.insync.replicas", null, "1"),
          new Setting("num.partitions", "num.partitions", "1"),
          new Setting("auto.create.topics.enable", "auto.create.topics.enable", "true"),
          new Setting("queued.max.request.bytes", "queued.max.request.bytes", "104857600"),
          new Setting(
              "log.retention.check.interval.ms",
              "tributary.log.retention.check.interval.ms",
              "300000"),
          new Setting("log.cleaner.enable", "tributary.log.cleaner.enable", "true"),
          new Setting("log.cleaner.backoff.ms", "tributary.log.cleaner.backoff.ms", "15000"),
          new Setting(
              "log.cleaner.dedupe.buffer.size",
              "tributary.log.cleaner.dedupe.buffer.size",
              "134217728"),
          new Setting("transaction.max.timeout.ms", "tributary.transaction.max-open-ms", "900000"));

  private final Function<String, Optional<String>> operatorSettings;

  /** Reads what the operator set (system properties, environment, the server's config). */
  public BrokerConfigs() {
    this(BrokerConfigs::operatorSetting);
  }

  /** {@code operatorSettings}: a property's value if the operator set it, else empty. */
  BrokerConfigs(Function<String, Optional<String>> operatorSettings) {
    this.operatorSettings = operatorSettings;
  }

  /** Kafka's broker-level name of a topic config's default ({@code log.retention.ms}). */
  public static String brokerNameOf(TopicConfigKey key) {
    return TOPIC_CONFIG_SYNONYMS.get(key);
  }

  /** Every broker config, by name. */
  public List<BrokerConfig> all() {
    List<BrokerConfig> configs = new ArrayList<>();
    for (Setting setting : SETTINGS) {
      Optional<String> set =
          setting.property() == null
              ? Optional.empty()
              : operatorSettings.apply(setting.property());
      configs.add(
          new BrokerConfig(
              setting.name(),
              set.orElse(setting.defaultValue()),
              setting.defaultValue(),
              set.isPresent() ? BrokerConfig.STATIC_BROKER_CONFIG : BrokerConfig.DEFAULT_CONFIG));
    }
    TOPIC_CONFIG_SYNONYMS.forEach(
        (key, name) ->
            configs.add(
                new BrokerConfig(
                    name, key.defaultValue(), key.defaultValue(), BrokerConfig.DEFAULT_CONFIG)));
    configs.sort(Comparator.comparing(BrokerConfig::name));
    return configs;
  }

  public Optional<BrokerConfig> byName(String name) {
    return all().stream().filter(config -> config.name().equals(name)).findFirst();
  }

  private static Optional<String> operatorSetting(String property) {
    ConfigValue value = ConfigProvider.getConfig().getConfigValue(property);
    if (value.getValue() == null || value.getSourceOrdinal() <= APPLICATION_DEFAULTS_ORDINAL) {
      return Optional.empty();
    }
    return Optional.of(value.getValue());
  }
}
