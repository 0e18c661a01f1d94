package org.tributary.clients;

import java.time.Instant;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One client's activity. Guarded by its own monitor, held for a few additions: clients never
 * contend with each other. The last activity is also readable without it, for eviction.
 */
final class TrackedClient {

  private final ClientIdentity identity;
  private final String group;
  private final SortedSet<String> topics = new TreeSet<>();
  private final RateWindow window = new RateWindow();
  private long totalRecords;
  private volatile long lastActivityMillis;

  TrackedClient(ClientIdentity identity, String group, long nowMillis) {
    this.identity = identity;
    this.group = group;
    this.lastActivityMillis = nowMillis;
  }

  synchronized void add(long nowMillis, String topic, int records, long bytes) {
    if (topic != null) {
      topics.add(topic);
    }
    count(nowMillis, records, bytes);
  }

  synchronized void add(long nowMillis, Collection<String> topicNames, int records, long bytes) {
    for (String topic : topicNames) {
      if (topic != null) {
        topics.add(topic);
      }
    }
    count(nowMillis, records, bytes);
  }

  private void count(long nowMillis, int records, long bytes) {
    window.add(nowMillis, records, bytes);
    totalRecords += records;
    lastActivityMillis = nowMillis;
  }

  long lastActivityMillis() {
    return lastActivityMillis;
  }

  synchronized ClientView view(long nowMillis) {
    return new ClientView(
        identity.kind(),
        identity.principal(),
        identity.clientId(),
        identity.address(),
        group,
        new TreeSet<>(topics),
        Instant.ofEpochMilli(lastActivityMillis),
        window.recordsPerSecond(nowMillis),
        window.bytesPerSecond(nowMillis),
        totalRecords);
  }
}
