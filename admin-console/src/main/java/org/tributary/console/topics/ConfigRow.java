package org.tributary.console.topics;

import java.io.Serializable;
import org.tributary.topic.TopicConfigKey;

/** One editable topic config on a form: its Kafka name, default, what it accepts, and a value. */
public class ConfigRow implements Serializable {

  private static final long serialVersionUID = 1L;

  private final TopicConfigKey key;
  private final String original;
  private String value;

  ConfigRow(TopicConfigKey key, String original) {
    this.key = key;
    this.original = original;
    this.value = original;
  }

  public String getName() {
    return key.key();
  }

  public String getDefaultValue() {
    return key.defaultValue();
  }

  public String getExpectation() {
    return key.expectation();
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value == null || value.isBlank() ? null : value.strip();
  }

  public boolean isOverridden() {
    return original != null;
  }

  boolean isChanged() {
    return value == null ? original != null : !value.equals(original);
  }
}
