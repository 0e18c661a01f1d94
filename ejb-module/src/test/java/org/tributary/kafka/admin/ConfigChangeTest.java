package org.tributary.kafka.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.tributary.kafka.admin.ConfigChange.Operation;
import org.tributary.topic.TopicConfig;

class ConfigChangeTest {

  private final TopicConfig current =
      TopicConfig.of(Map.of("retention.ms", "1000", "max.message.bytes", "2000"));

  private static Operation op(String name, OpType type, String value) {
    return new Operation(name, type.id(), value);
  }

  @Test
  void alterConfigsReplacesTheTopicsOwnConfigsAndResetsTheRest() {
    ConfigChange change = ConfigChange.replacing(current, Map.of("retention.ms", "5"));
    assertEquals(Map.of("retention.ms", "5"), change.set());
    assertEquals(List.of("max.message.bytes"), change.reset());
    assertEquals(
        Map.of("retention.ms", "5"), current.alter(change.set(), change.reset()).overrides());
  }

  @Test
  void alterConfigsRefusesANullValue() {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put("retention.ms", null);
    assertThrows(InvalidRequestException.class, () -> ConfigChange.replacing(current, configs));
  }

  @Test
  void setAndDeleteBecomeSetAndReset() {
    ConfigChange change =
        ConfigChange.incremental(
            current,
            List.of(
                op("retention.bytes", OpType.SET, "10"), op("retention.ms", OpType.DELETE, null)));
    assertEquals(Map.of("retention.bytes", "10"), change.set());
    assertEquals(List.of("retention.ms"), change.reset());
  }

  @Test
  void appendAndSubtractChangeTheListInForceWithoutDuplicates() {
    TopicConfig compacted = TopicConfig.of(Map.of("cleanup.policy", "compact"));
    assertEquals(
        Map.of("cleanup.policy", "delete,compact"),
        ConfigChange.incremental(
                TopicConfig.defaults(), List.of(op("cleanup.policy", OpType.APPEND, "compact")))
            .set());
    assertEquals(
        Map.of("cleanup.policy", "compact"),
        ConfigChange.incremental(compacted, List.of(op("cleanup.policy", OpType.APPEND, "compact")))
            .set());
    assertEquals(
        Map.of("cleanup.policy", "compact"),
        ConfigChange.incremental(
                TopicConfig.of(Map.of("cleanup.policy", "delete,compact")),
                List.of(op("cleanup.policy", OpType.SUBTRACT, "delete")))
            .set());
  }

  @Test
  void appendOrSubtractOnAConfigThatIsNotAListIsAnInvalidConfig() {
    InvalidConfigurationException refused =
        assertThrows(
            InvalidConfigurationException.class,
            () ->
                ConfigChange.incremental(current, List.of(op("retention.ms", OpType.APPEND, "1"))));
    assertTrue(refused.getMessage().contains("retention.ms"), refused::getMessage);
    InvalidConfigurationException unknown =
        assertThrows(
            InvalidConfigurationException.class,
            () ->
                ConfigChange.incremental(
                    current, List.of(op("no.such.config", OpType.SUBTRACT, "1"))));
    assertTrue(unknown.getMessage().contains("Unknown config name"), unknown::getMessage);
  }

  @Test
  void aConfigNamedTwiceOrAnUnknownOperationIsAnInvalidRequest() {
    assertThrows(
        InvalidRequestException.class,
        () ->
            ConfigChange.incremental(
                current,
                List.of(
                    op("retention.ms", OpType.SET, "1"), op("retention.ms", OpType.DELETE, null))));
    assertThrows(
        InvalidRequestException.class,
        () ->
            ConfigChange.incremental(
                current, List.of(new Operation("retention.ms", (byte) 9, "1"))));
  }

  @Test
  void aSetWithoutAValueIsAnInvalidRequest() {
    assertThrows(
        InvalidRequestException.class,
        () -> ConfigChange.incremental(current, List.of(op("retention.ms", OpType.SET, null))));
  }
}
