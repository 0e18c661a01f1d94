package org.tributary.clients;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The clients seen recently, one entry per identity (and group, for consumers). Recording a known
 * client is one map look-up and that client's monitor. Past the capacity, one thread at a time
 * evicts the least recently active tenth: a flood of distinct addresses costs an amortised sort per
 * new client and bounded memory, and never blocks the others.
 */
final class RecentClients {

  private record Key(ClientIdentity who, String group) {}

  private record Snapshot(Key key, TrackedClient client, long lastActivityMillis) {}

  private final Clock clock;
  private final int capacity;
  private final Duration idleLimit;
  private final ConcurrentHashMap<Key, TrackedClient> clients = new ConcurrentHashMap<>();
  private final AtomicBoolean evicting = new AtomicBoolean();

  RecentClients(Clock clock, int capacity, Duration idleLimit) {
    this.clock = clock;
    this.capacity = capacity;
    this.idleLimit = idleLimit;
  }

  void produced(ClientIdentity who, String topic, int records, long bytes) {
    long now = clock.millis();
    client(new Key(who, null), now).add(now, topic, records, bytes);
  }

  void consumed(
      ClientIdentity who, String group, Collection<String> topics, int records, long bytes) {
    long now = clock.millis();
    client(new Key(who, group), now).add(now, topics, records, bytes);
  }

  /** Those active within the idle limit, most recently active first. */
  List<ClientView> recent() {
    long now = clock.millis();
    long cutoff = now - idleLimit.toMillis();
    return clients.values().stream()
        .filter(client -> client.lastActivityMillis() >= cutoff)
        .map(client -> client.view(now))
        .sorted(Comparator.comparing(ClientView::lastActivity).reversed())
        .toList();
  }

  /** Sums every tracked client's window: evicted clients no longer count. */
  BrokerRates rates() {
    long now = clock.millis();
    double producedRecords = 0;
    double producedBytes = 0;
    double consumedRecords = 0;
    double consumedBytes = 0;
    for (TrackedClient client : clients.values()) {
      ClientView view = client.view(now);
      if (view.kind() == ClientKind.PRODUCER) {
        producedRecords += view.recordsPerSecond();
        producedBytes += view.bytesPerSecond();
      } else {
        consumedRecords += view.recordsPerSecond();
        consumedBytes += view.bytesPerSecond();
      }
    }
    return new BrokerRates(producedRecords, producedBytes, consumedRecords, consumedBytes);
  }

  void forgetIdle() {
    long cutoff = clock.millis() - idleLimit.toMillis();
    clients.values().removeIf(client -> client.lastActivityMillis() < cutoff);
  }

  int size() {
    return clients.size();
  }

  private TrackedClient client(Key key, long now) {
    TrackedClient known = clients.get(key);
    if (known != null) {
      return known;
    }
    TrackedClient created = new TrackedClient(key.who(), key.group(), now);
    known = clients.putIfAbsent(key, created);
    if (known != null) {
      return known;
    }
    if (clients.size() > capacity) {
      evictLeastRecentlyActive();
    }
    return created;
  }

  private void evictLeastRecentlyActive() {
    if (!evicting.compareAndSet(false, true)) {
      return;
    }
    try {
      int excess = clients.size() - capacity * 9 / 10;
      if (excess <= 0) {
        return;
      }
      // Snapshots, because the last activity moves while the sort compares.
      clients.entrySet().stream()
          .map(e -> new Snapshot(e.getKey(), e.getValue(), e.getValue().lastActivityMillis()))
          .sorted(Comparator.comparingLong(Snapshot::lastActivityMillis))
          .limit(excess)
          .forEach(oldest -> clients.remove(oldest.key(), oldest.client()));
    } finally {
      evicting.set(false);
    }
  }
}
