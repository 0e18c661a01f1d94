package org.tributary.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicConfigKey;

class BrokerConfigsTest {

  @Test
  void aSettingTheOperatorLeftAloneIsTheDefault() {
    BrokerConfig partitions =
        new BrokerConfigs(property -> Optional.empty()).byName("num.partitions").orElseThrow();

    assertEquals("1", partitions.value());
    assertTrue(partitions.isDefault());
    assertEquals(BrokerConfig.DEFAULT_CONFIG, partitions.source());
  }

  @Test
  void aSettingTheOperatorSetIsAStaticBrokerConfigWithItsDefaultBeside() {
    BrokerConfigs configs =
        new BrokerConfigs(
            property ->
                property.equals("tributary.log.retention.check.interval.ms")
                    ? Optional.of("1000")
                    : Optional.empty());

    BrokerConfig interval = configs.byName("log.retention.check.interval.ms").orElseThrow();

    assertEquals("1000", interval.value());
    assertEquals("300000", interval.defaultValue());
    assertFalse(interval.isDefault());
    assertEquals(BrokerConfig.STATIC_BROKER_CONFIG, interval.source());
  }

  @Test
  void everyTopicConfigHasItsBrokerDefaultUnderKafkasName() {
    assertEquals(
        EnumSet.allOf(TopicConfigKey.class),
        EnumSet.copyOf(BrokerConfigs.TOPIC_CONFIG_SYNONYMS.keySet()));
    BrokerConfig retention =
        new BrokerConfigs(property -> Optional.empty()).byName("log.retention.ms").orElseThrow();
    assertEquals(TopicConfigKey.RETENTION_MS.defaultValue(), retention.value());
  }

  @Test
  void fixedSettingsIgnoreTheOperator() {
    BrokerConfig id =
        new BrokerConfigs(property -> Optional.of("7")).byName("broker.id").orElseThrow();
    assertEquals(String.valueOf(BrokerConfigs.BROKER_ID), id.value());
  }

  @Test
  void anUnknownNameIsEmpty() {
    assertTrue(new BrokerConfigs(property -> Optional.empty()).byName("no.such").isEmpty());
  }

  /** The defaults shown are the ones the beans that read the settings declare. */
  @Test
  void eachSettingsDefaultIsTheReadingBeansDefault() {
    Map<String, String> declared = new HashMap<>();
    for (Class<?> bean :
        new Class<?>[] {TopicCatalog.class, LogCleanup.class, PartitionLogs.class}) {
      for (Field field : bean.getDeclaredFields()) {
        ConfigProperty property = field.getAnnotation(ConfigProperty.class);
        if (property != null) {
          declared.put(property.name(), property.defaultValue());
        }
      }
    }
    for (BrokerConfigs.Setting setting : BrokerConfigs.SETTINGS) {
      if (setting.property() != null) {
        assertEquals(declared.get(setting.property()), setting.defaultValue(), setting.property());
      }
    }
  }
}
