package org.tributary.kafka.admin;

import org.apache.kafka.common.protocol.Errors;

/**
 * A BROKER config resource's name: this broker's id (its configs are this server's settings), or
 * empty for the cluster-wide defaults.
 */
final class BrokerResource {

  private BrokerResource() {}

  static boolean isClusterDefault(String name) {
    return name == null || name.isEmpty();
  }

  /** Refuses (INVALID_REQUEST, as Kafka) a name that is neither this broker nor empty. */
  static void require(String name, int self) {
    if (isClusterDefault(name) || name.equals(String.valueOf(self))) {
      return;
    }
    throw Errors.INVALID_REQUEST.exception(
        "Unexpected broker id '"
            + name
            + "': this broker is "
            + self
            + "; ask each broker for its own configs (or send the empty name for the cluster-wide"
            + " defaults).");
  }
}
