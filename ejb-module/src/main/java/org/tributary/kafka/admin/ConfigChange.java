package org.tributary.kafka.admin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;
import org.tributary.topic.TopicConfig;
import org.tributary.topic.TopicConfigKey;

/**
 * A change of a topic's configs as {@link org.tributary.topic.TopicCatalog#alterConfig} takes it:
 * the values to set and the names to reset to their defaults. Made from AlterConfigs (the given
 * configs replace all of the topic's own) or IncrementalAlterConfigs (SET, DELETE, and APPEND or
 * SUBTRACT on list configs), refused with Kafka's errors and messages ({@code ConfigAdminManager}).
 * Pure; the values are validated when applied.
 */
record ConfigChange(Map<String, String> set, List<String> reset) {

  /** One entry of IncrementalAlterConfigs. */
  record Operation(String name, byte op, String value) {}

  /** AlterConfigs: the topic's own configs become exactly {@code configs}. */
  static ConfigChange replacing(TopicConfig current, Map<String, String> configs) {
    configs.forEach(
        (name, value) -> {
          if (value == null) {
            throw Errors.INVALID_REQUEST.exception("Null value not supported for : " + name);
          }
        });
    List<String> reset = new ArrayList<>();
    for (String name : current.overrides().keySet()) {
      if (!configs.containsKey(name)) {
        reset.add(name);
      }
    }
    return new ConfigChange(new LinkedHashMap<>(configs), reset);
  }

  /** IncrementalAlterConfigs: each operation on the topic's configs as they are. */
  static ConfigChange incremental(TopicConfig current, List<Operation> operations) {
    Set<String> seen = new HashSet<>();
    Map<String, String> set = new LinkedHashMap<>();
    List<String> reset = new ArrayList<>();
    for (Operation operation : operations) {
      String name = operation.name();
      if (!seen.add(name)) {
        throw Errors.INVALID_REQUEST.exception(
            "Error due to duplicate config keys: '" + name + "' is altered more than once.");
      }
      OpType type = opType(operation.op());
      if (type == OpType.DELETE) {
        reset.add(name);
        continue;
      }
      if (operation.value() == null) {
        throw Errors.INVALID_REQUEST.exception("Null value not supported for : " + name);
      }
      set.put(
          name,
          switch (type) {
            case SET -> operation.value();
            case APPEND -> listChange(current, name, type, operation.value(), true);
            case SUBTRACT -> listChange(current, name, type, operation.value(), false);
            case DELETE -> throw new IllegalStateException("handled above");
          });
    }
    return new ConfigChange(set, reset);
  }

  private static OpType opType(byte id) {
    OpType type = OpType.forId(id);
    if (type == null) {
      throw Errors.INVALID_REQUEST.exception(
          "Unknown config operation " + id + ": use SET, DELETE, APPEND or SUBTRACT.");
    }
    return type;
  }

  private static String listChange(
      TopicConfig current, String name, OpType type, String value, boolean add) {
    TopicConfigKey key =
        TopicConfigKey.byName(name)
            .orElseThrow(() -> Errors.INVALID_CONFIG.exception("Unknown config name: " + name));
    if (ConfigDescriptions.typeOf(key.key(), key.defaultValue()) != ConfigType.LIST) {
      throw Errors.INVALID_CONFIG.exception(
          "Config value "
              + type.name().toLowerCase(Locale.ROOT)
              + " is not allowed for config key: "
              + name
              + " (only list configs such as cleanup.policy take APPEND and SUBTRACT).");
    }
    Set<String> items = new LinkedHashSet<>(items(current.get(key)));
    if (add) {
      items.addAll(items(value));
    } else {
      items(value).forEach(items::remove);
    }
    return String.join(",", items);
  }

  private static List<String> items(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
