package org.tributary.web.v3;

import org.tributary.web.error.RequestRefusedException;

/**
 * A partition id in a path. Bound as an {@code int}, JAX-RS would answer one that is not a number
 * with a bare 404; the REST Proxy answers 404/40402 (partition not found), as for an unknown id.
 */
final class PartitionIds {

  private PartitionIds() {}

  static int parse(String topic, String partitionId) {
    try {
      return Integer.parseInt(partitionId);
    } catch (NumberFormatException notANumber) {
      throw RequestRefusedException.partitionNotFound(topic, partitionId);
    }
  }
}
