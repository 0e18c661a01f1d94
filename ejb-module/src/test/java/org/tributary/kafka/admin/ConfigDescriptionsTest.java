package org.tributary.kafka.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsSynonym;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;
import org.junit.jupiter.api.Test;
import org.tributary.log.BrokerConfig;
import org.tributary.topic.TopicConfig;
import org.tributary.topic.TopicConfigKey;

class ConfigDescriptionsTest {

  @Test
  void aTopicsOwnValueIsATopicConfigWithTheBrokerDefaultAsItsSynonym() {
    TopicConfig config = TopicConfig.of(Map.of("retention.ms", "5000"));
    List<DescribeConfigsResourceResult> described =
        ConfigDescriptions.topic(config, List.of("retention.ms", "cleanup.policy"), true, true);
    assertEquals(2, described.size());
    DescribeConfigsResourceResult retention =
        described.stream().filter(c -> c.name().equals("retention.ms")).findFirst().orElseThrow();
    assertEquals("5000", retention.value());
    assertEquals(ConfigSource.TOPIC_CONFIG.id(), retention.configSource());
    assertFalse(retention.readOnly());
    assertFalse(retention.isSensitive());
    assertEquals(ConfigType.LONG.id(), retention.configType());
    assertEquals(
        List.of("retention.ms", "log.retention.ms"),
        retention.synonyms().stream().map(DescribeConfigsSynonym::name).toList());
    assertEquals(
        List.of("5000", TopicConfigKey.RETENTION_MS.defaultValue()),
        retention.synonyms().stream().map(DescribeConfigsSynonym::value).toList());
    assertTrue(retention.documentation().contains(">= -1"), retention::documentation);
  }

  @Test
  void everyTopicConfigWithoutSynonymsOrDocumentationUnlessAsked() {
    List<DescribeConfigsResourceResult> described =
        ConfigDescriptions.topic(TopicConfig.defaults(), null, false, false);
    assertEquals(TopicConfigKey.values().length, described.size());
    assertEquals(
        described.size(),
        ConfigDescriptions.topic(TopicConfig.defaults(), List.of(), false, false).size(),
        "no key named: all, as Kafka");
    for (DescribeConfigsResourceResult entry : described) {
      assertEquals(ConfigSource.DEFAULT_CONFIG.id(), entry.configSource(), entry::toString);
      assertTrue(entry.synonyms().isEmpty());
      assertNull(entry.documentation());
    }
  }

  @Test
  void brokerConfigsAreReadOnlyAndSayWhetherTheOperatorSetThem() {
    List<BrokerConfig> configs =
        List.of(
            new BrokerConfig("num.partitions", "3", "1", BrokerConfig.STATIC_BROKER_CONFIG),
            new BrokerConfig("log.cleaner.enable", "true", "true", BrokerConfig.DEFAULT_CONFIG));
    List<DescribeConfigsResourceResult> described =
        ConfigDescriptions.broker(configs, null, true, false);
    DescribeConfigsResourceResult partitions = described.get(0);
    assertTrue(partitions.readOnly());
    assertEquals(ConfigSource.STATIC_BROKER_CONFIG.id(), partitions.configSource());
    assertEquals(ConfigType.INT.id(), partitions.configType());
    assertEquals(
        List.of("3", "1"),
        partitions.synonyms().stream().map(DescribeConfigsSynonym::value).toList());
    assertEquals(ConfigType.BOOLEAN.id(), described.get(1).configType());
    assertEquals(1, described.get(1).synonyms().size());
    assertEquals(
        1, ConfigDescriptions.broker(configs, List.of("num.partitions"), false, false).size());
  }

  @Test
  void typesAreKafkas() {
    assertEquals(ConfigType.LIST, ConfigDescriptions.typeOf("cleanup.policy", "delete"));
    assertEquals(ConfigType.INT, ConfigDescriptions.typeOf("max.message.bytes", "1048588"));
    assertEquals(ConfigType.LONG, ConfigDescriptions.typeOf("retention.bytes", "-1"));
    assertEquals(ConfigType.DOUBLE, ConfigDescriptions.typeOf("min.cleanable.dirty.ratio", "0.5"));
    assertEquals(ConfigType.STRING, ConfigDescriptions.typeOf("compression.type", "producer"));
  }

  @Test
  void aBrokerResourceIsThisBrokerOrTheEmptyName() {
    BrokerResource.require("2", 2);
    BrokerResource.require("", 2);
    InvalidRequestException refused =
        assertThrows(InvalidRequestException.class, () -> BrokerResource.require("0", 2));
    assertTrue(refused.getMessage().contains("this broker is 2"), refused::getMessage);
  }
}
