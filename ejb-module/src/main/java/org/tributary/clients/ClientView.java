package org.tributary.clients;

import java.time.Instant;
import java.util.SortedSet;

/**
 * A recent client as the admin console shows it; rates are over the last minute.
 *
 * @param group the consumer's group, null for producers and manually assigned consumers
 */
public record ClientView(
    ClientKind kind,
    String principal,
    String clientId,
    String address,
    String group,
    SortedSet<String> topics,
    Instant lastActivity,
    double recordsPerSecond,
    double bytesPerSecond,
    long totalRecords) {

  /** The authenticated user, else the client id, else {@code anonymous}. */
  public String who() {
    if (principal != null) {
      return principal;
    }
    return clientId != null ? clientId : "anonymous";
  }
}
