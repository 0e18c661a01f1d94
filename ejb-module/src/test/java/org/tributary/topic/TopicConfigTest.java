package org.tributary.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tributary.testing.Refusals.assertRefused;

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
    assertRefused(ErrorCode.INVALID_CONFIG, () -> TopicConfig.of(Map.of("retention.hours", "1")));
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
      assertEquals(ErrorCode.INVALID_CONFIG, e.code(), bad::toString);
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

  @Test
  void createTimesMayBeAnHourAheadAndAnyAgeByDefaultAsInKafka() {
    long now = 1_700_000_000_000L;
    TopicConfig defaults = TopicConfig.defaults();
    assertEquals("3600000", defaults.effective().get("message.timestamp.after.max.ms"));
    assertEquals(
        String.valueOf(Long.MAX_VALUE),
        defaults.effective().get("message.timestamp.before.max.ms"));
    assertTrue(defaults.acceptsTimestamp(now + 3_600_000, now));
    assertFalse(defaults.acceptsTimestamp(now + 3_600_001, now));
    assertFalse(defaults.acceptsTimestamp(253_402_300_799_000L, now), "year 9999");
    assertTrue(defaults.acceptsTimestamp(0, now));
  }

  @Test
  void timestampBoundsAreTopicConfigsAndLogAppendTimeTakesAnyCreateTime() {
    long now = 1_700_000_000_000L;
    TopicConfig bounded =
        TopicConfig.of(
            Map.of(
                "message.timestamp.before.max.ms", "1000",
                "message.timestamp.after.max.ms", "0"));
    assertTrue(bounded.acceptsTimestamp(now - 1000, now));
    assertFalse(bounded.acceptsTimestamp(now - 1001, now));
    assertFalse(bounded.acceptsTimestamp(now + 1, now));
    TopicConfig unbounded =
        TopicConfig.of(Map.of("message.timestamp.after.max.ms", String.valueOf(Long.MAX_VALUE)));
    assertTrue(unbounded.acceptsTimestamp(Long.MAX_VALUE, now), "no overflow at the edge");
    TopicConfig logAppendTime =
        bounded.alter(Map.of("message.timestamp.type", "LogAppendTime"), List.of());
    assertTrue(logAppendTime.acceptsTimestamp(now + 10_000_000, now));
    for (String bad : List.of("-1", "soon", "9223372036854775808")) {
      assertEquals(
          ErrorCode.INVALID_CONFIG,
          assertThrows(
                  TributaryException.class,
                  () -> TopicConfig.of(Map.of("message.timestamp.after.max.ms", bad)))
              .code());
    }
  }
}
