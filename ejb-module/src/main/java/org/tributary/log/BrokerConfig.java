package org.tributary.log;

/**
 * One broker config as Kafka's DescribeConfigs shows it: its value in force, its default, and where
 * the value comes from ({@code STATIC_BROKER_CONFIG}: set by the operator at start; {@code
 * DEFAULT_CONFIG}: Tributary's default). Every broker config is read-only at run time.
 */
public record BrokerConfig(String name, String value, String defaultValue, String source) {

  public static final String STATIC_BROKER_CONFIG = "STATIC_BROKER_CONFIG";
  public static final String DEFAULT_CONFIG = "DEFAULT_CONFIG";

  public boolean isDefault() {
    return DEFAULT_CONFIG.equals(source);
  }
}
