package org.tributary.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

class TopicConfigTest {

  @Test
  void defaultsAreKafkas() {
    Map<String, String> effective = TopicConfig.defaults().effective();
    assertEquals("604800000", effective.get("retention.ms"));
    assertEquals("-1", effective.get("retention.bytes"));
    assertEquals("1048588", effective.get("max.message.bytes"));
    assertEquals("delete", effective.get("cleanup.policy"));
    assertEquals("CreateTime", effective.get("message.timestamp.type"));
    assertEquals("producer", effective.get("compression.type"));
    assertEquals("86400000", effective.get("delete.retention.ms"));
  }

  @Test
  void overridesWinOverDefaults() {
    TopicConfig config =
        TopicConfig.of(Map.of("retention.ms", "-1", "message.timestamp.type", "LogAppendTime"));
    assertEquals(-1, config.retentionMs());
    assertTrue(config.logAppendTime());
    assertFalse(config.isDefault(TopicConfigKey.RETENTION_MS));
    assertTrue(config.isDefault(TopicConfigKey.MAX_MESSAGE_BYTES));
  }

  @Test
  void unknownKeyIsInvalidConfig() {
    TributaryException e =
        assertThrows(
            TributaryException.class, () -> TopicConfig.of(Map.of("retention.hours", "1")));
    assertEquals(ErrorCode.INVALID_CONFIG, e.code());
  }

  @Test
  void malformedValuesAreInvalidConfig() {
    for (Map<String, String> bad :
        List.of(
            Map.of("retention.ms", "soon"),
            Map.of("retention.ms", "-2"),
            Map.of("retention.bytes", "1.5"),
            Map.of("max.message.bytes", "-1"),
            Map.of("max.message.bytes", "99999999999"),
            Map.of("cleanup.policy", "archive"),
            Map.of("compression.type", "brotli"),
            Map.of("message.timestamp.type", "createtime"))) {
      TributaryException e =
          assertThrows(TributaryException.class, () -> TopicConfig.of(bad), bad::toString);
      assertEquals(ErrorCode.INVALID_CONFIG, e.code());
    }
  }

  @Test
  void alterSetsAndResetsKeys() {
    TopicConfig config =
        TopicConfig.of(Map.of("retention.ms", "1000", "cleanup.policy", "compact"));
    TopicConfig altered = config.alter(Map.of("retention.bytes", "4096"), List.of("retention.ms"));
    assertEquals(
        Map.of("cleanup.policy", "compact", "retention.bytes", "4096"), altered.overrides());
    assertEquals(604800000L, altered.retentionMs());
  }

  @Test
  void alterRefusesInvalidValuesWithoutChangingAnything() {
    TopicConfig config = TopicConfig.of(Map.of("retention.ms", "1000"));
    assertThrows(
        TributaryException.class, () -> config.alter(Map.of("retention.ms", "x"), List.of()));
    assertEquals(1000, config.retentionMs());
  }
}
