package org.tributary.kafka.admin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsSynonym;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;
import org.tributary.log.BrokerConfig;
import org.tributary.log.BrokerConfigs;
import org.tributary.topic.TopicConfig;
import org.tributary.topic.TopicConfigKey;

/**
 * Topic and broker configs as DescribeConfigs shows them (Kafka's {@code ConfigHelper}): the value
 * in force, where it comes from, its synonyms from the most to the least specific (a topic's own
 * value, then the broker default it overrides), its type and what it accepts. Topic configs are
 * read-write, broker configs read-only (they are the server's start-up settings); none is
 * sensitive.
 */
final class ConfigDescriptions {

  private ConfigDescriptions() {}

  /**
   * A topic's configs.
   *
   * @param keys the names asked for; null or empty for all
   */
  static List<DescribeConfigsResourceResult> topic(
      TopicConfig config, Collection<String> keys, boolean synonyms, boolean documentation) {
    List<DescribeConfigsResourceResult> described = new ArrayList<>();
    for (TopicConfigKey key : TopicConfigKey.values()) {
      if (!asked(keys, key.key())) {
        continue;
      }
      ConfigSource source =
          config.isDefault(key) ? ConfigSource.DEFAULT_CONFIG : ConfigSource.TOPIC_CONFIG;
      DescribeConfigsResourceResult entry =
          new DescribeConfigsResourceResult()
              .setName(key.key())
              .setValue(config.get(key))
              .setReadOnly(false)
              .setConfigSource(source.id())
              .setIsSensitive(false)
              .setConfigType(typeOf(key.key(), key.defaultValue()).id())
              .setDocumentation(documentation ? "Expected: " + key.expectation() + "." : null);
      if (synonyms) {
        if (source == ConfigSource.TOPIC_CONFIG) {
          entry.synonyms().add(synonym(key.key(), config.get(key), source));
        }
        entry
            .synonyms()
            .add(
                synonym(
                    BrokerConfigs.brokerNameOf(key),
                    key.defaultValue(),
                    ConfigSource.DEFAULT_CONFIG));
      }
      described.add(entry);
    }
    return described;
  }

  /** The broker's configs; {@code keys} as for {@link #topic}. */
  static List<DescribeConfigsResourceResult> broker(
      List<BrokerConfig> configs,
      Collection<String> keys,
      boolean synonyms,
      boolean documentation) {
    List<DescribeConfigsResourceResult> described = new ArrayList<>();
    for (BrokerConfig config : configs) {
      if (!asked(keys, config.name())) {
        continue;
      }
      ConfigSource source =
          config.isDefault() ? ConfigSource.DEFAULT_CONFIG : ConfigSource.STATIC_BROKER_CONFIG;
      DescribeConfigsResourceResult entry =
          new DescribeConfigsResourceResult()
              .setName(config.name())
              .setValue(config.value())
              .setReadOnly(true)
              .setConfigSource(source.id())
              .setIsSensitive(false)
              .setConfigType(typeOf(config.name(), config.defaultValue()).id())
              .setDocumentation(
                  documentation
                      ? "Read-only: a server setting read at start (system property or"
                          + " environment variable)."
                      : null);
      if (synonyms) {
        if (source == ConfigSource.STATIC_BROKER_CONFIG) {
          entry.synonyms().add(synonym(config.name(), config.value(), source));
        }
        entry
            .synonyms()
            .add(synonym(config.name(), config.defaultValue(), ConfigSource.DEFAULT_CONFIG));
      }
      described.add(entry);
    }
    return described;
  }

  private static boolean asked(Collection<String> keys, String name) {
    return keys == null || keys.isEmpty() || keys.contains(name);
  }

  /** Kafka's type of a config, from its name and default as Kafka's config definitions have it. */
  static ConfigType typeOf(String name, String defaultValue) {
    if (name.equals(TopicConfigKey.CLEANUP_POLICY.key()) || name.equals("log.cleanup.policy")) {
      return ConfigType.LIST;
    }
    if (Set.of("true", "false").contains(defaultValue)) {
      return ConfigType.BOOLEAN;
    }
    if (defaultValue.matches("-?\\d+")) {
      boolean wide =
          name.endsWith(".ms") || name.endsWith("retention.bytes") || name.endsWith(".size");
      return wide || name.equals("queued.max.request.bytes") ? ConfigType.LONG : ConfigType.INT;
    }
    if (defaultValue.matches("\\d+\\.\\d+")) {
      return ConfigType.DOUBLE;
    }
    return ConfigType.STRING;
  }

  private static DescribeConfigsSynonym synonym(String name, String value, ConfigSource source) {
    return new DescribeConfigsSynonym().setName(name).setValue(value).setSource(source.id());
  }
}
