package org.tributary.kafka.network;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The Kafka listener in {@code /metrics}: open connections, requests by API, errors answered by
 * Kafka error code, bytes read and written, and connections the broker closed by reason. Prometheus
 * derives the rates. Without a registry (unit tests) it only counts connections.
 */
final class ListenerMetrics {

  private static final Metadata REQUESTS =
      metadata("tributary.kafka.requests", "Kafka requests received, by API");
  private static final Metadata ERRORS =
      metadata("tributary.kafka.errors", "Kafka error codes answered, by error");
  private static final Metadata BYTES_IN =
      metadata("tributary.kafka.bytes.in", "Bytes of Kafka requests received");
  private static final Metadata BYTES_OUT =
      metadata("tributary.kafka.bytes.out", "Bytes of Kafka responses sent");
  private static final Metadata CLOSED =
      metadata("tributary.kafka.connections.closed", "Kafka connections the broker closed");

  private final MetricRegistry registry;
  private final AtomicInteger connections = new AtomicInteger();

  /** {@code registry}: null counts nothing but the connections. */
  ListenerMetrics(MetricRegistry registry) {
    this.registry = registry;
    if (registry != null) {
      registry.gauge(
          metadata("tributary.kafka.connections", "Open Kafka connections"),
          connections,
          AtomicInteger::get);
    }
  }

  /** Counts a new connection; answers how many are open with it. */
  int opened() {
    return connections.incrementAndGet();
  }

  void gone() {
    connections.decrementAndGet();
  }

  int open() {
    return connections.get();
  }

  /** A frame read, whatever it holds (its size prefix included). */
  void read(int bytes) {
    if (registry != null) {
      registry.counter(BYTES_IN).inc(bytes);
    }
  }

  void request(ApiKeys api) {
    if (registry != null) {
      registry.counter(REQUESTS, new Tag("api", api.name)).inc();
    }
  }

  void sent(int bytes, Map<Errors, Integer> errors) {
    if (registry != null) {
      registry.counter(BYTES_OUT).inc(bytes);
      errors.forEach(
          (error, count) -> {
            if (error != Errors.NONE && count > 0) {
              registry.counter(ERRORS, new Tag("error", error.name())).inc(count);
            }
          });
    }
  }

  void closed(String reason) {
    if (registry != null) {
      registry.counter(CLOSED, new Tag("reason", reason)).inc();
    }
  }

  void unregister() {
    if (registry != null) {
      registry.remove("tributary.kafka.connections");
    }
  }

  private static Metadata metadata(String name, String description) {
    return Metadata.builder().withName(name).withDescription(description).build();
  }
}
