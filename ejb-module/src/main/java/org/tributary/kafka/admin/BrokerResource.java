package org.tributary.kafka.admin;

import org.apache.kafka.common.protocol.Errors;
import org.tributary.log.BrokerConfigs;

/** A BROKER config resource's name: this broker's id, or empty for the cluster-wide defaults. */
final class BrokerResource {

  private BrokerResource() {}

  static boolean isClusterDefault(String name) {
    return name == null || name.isEmpty();
  }

  /** Refuses (INVALID_REQUEST, as Kafka) a name that is neither this broker nor empty. */
  static void require(String name) {
    if (isClusterDefault(name) || name.equals(String.valueOf(BrokerConfigs.BROKER_ID))) {
      return;
    }
    throw Errors.INVALID_REQUEST.exception(
        "Unexpected broker id '"
            + name
            + "': this cluster has one broker, "
            + BrokerConfigs.BROKER_ID
            + " (or the empty name for the cluster-wide defaults).");
  }
}
