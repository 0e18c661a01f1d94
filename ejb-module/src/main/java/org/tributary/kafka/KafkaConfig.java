package org.tributary.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Kafka listener's settings, with Kafka's broker names where Kafka has one. The listener is
 * {@code host:port} ({@code tributary.kafka.listener}, {@code none} turns it off); Metadata answers
 * the advertised one, which defaults to the listener.
 */
@ApplicationScoped
public class KafkaConfig {

  @Inject
  @ConfigProperty(name = "tributary.kafka.listener", defaultValue = "127.0.0.1:9092")
  String listener;

  @Inject
  @ConfigProperty(name = "tributary.kafka.advertised.listener")
  Optional<String> advertisedListener;

  @Inject
  @ConfigProperty(name = "tributary.cluster.id", defaultValue = "tributary")
  String clusterId;

  /** Kafka's {@code socket.request.max.bytes}: a larger frame closes the connection. */
  @Inject
  @ConfigProperty(name = "socket.request.max.bytes", defaultValue = "104857600")
  int maxFrameBytes;

  /** Kafka's {@code max.connections}. */
  @Inject
  @ConfigProperty(name = "max.connections", defaultValue = "1000")
  int maxConnections;

  /** Requests of one connection read ahead of its answers; then the connection is not read. */
  @Inject
  @ConfigProperty(name = "tributary.kafka.max-in-flight-requests", defaultValue = "5")
  int maxInFlightRequests;

  /** Kafka's {@code connections.max.idle.ms}. */
  @Inject
  @ConfigProperty(name = "connections.max.idle.ms", defaultValue = "600000")
  long maxIdleMillis;

  /** Kafka's {@code num.network.threads}: Netty's event loops. */
  @Inject
  @ConfigProperty(name = "num.network.threads", defaultValue = "3")
  int networkThreads;

  /** Kafka's {@code num.io.threads}: the request handlers. */
  @Inject
  @ConfigProperty(name = "num.io.threads", defaultValue = "8")
  int requestThreads;

  /** Kafka's {@code sasl.server.max.receive.size}: the largest frame before authentication. */
  @Inject
  @ConfigProperty(name = "sasl.server.max.receive.size", defaultValue = "524288")
  int maxUnauthenticatedFrameBytes;

  /** A keystore turns the listener into SASL_SSL: TLS, then SASL/PLAIN inside it. */
  @Inject
  @ConfigProperty(name = "tributary.kafka.ssl.keystore.location")
  Optional<String> keystoreLocation;

  @Inject
  @ConfigProperty(name = "tributary.kafka.ssl.keystore.password")
  Optional<String> keystorePassword;

  @Inject
  @ConfigProperty(name = "tributary.kafka.ssl.keystore.type", defaultValue = "PKCS12")
  String keystoreType;

  /** The key's password when it differs from the keystore's (Kafka's {@code ssl.key.password}). */
  @Inject
  @ConfigProperty(name = "tributary.kafka.ssl.key.password")
  Optional<String> keyPassword;

  public boolean enabled() {
    return !listener.isBlank() && !"none".equalsIgnoreCase(listener.trim());
  }

  public ListenerAddress listener() {
    return ListenerAddress.parse("tributary.kafka.listener", listener);
  }

  /** What Metadata tells clients to connect to. */
  public ListenerAddress advertised() {
    return advertisedListener
        .filter(advertised -> !advertised.isBlank())
        .map(advertised -> ListenerAddress.parse("tributary.kafka.advertised.listener", advertised))
        .orElseGet(this::listener);
  }

  public String clusterId() {
    return clusterId;
  }

  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  public int maxUnauthenticatedFrameBytes() {
    return Math.min(maxUnauthenticatedFrameBytes, maxFrameBytes);
  }

  /** The listener's keystore, if TLS is configured. */
  public Optional<Keystore> keystore() {
    return keystoreLocation
        .filter(location -> !location.isBlank())
        .map(
            location ->
                new Keystore(
                    location,
                    keystoreType,
                    keystorePassword.orElse(""),
                    keyPassword.orElse(keystorePassword.orElse(""))));
  }

  /** Where the listener's key and certificate are; the passwords never appear in toString. */
  public record Keystore(String location, String type, String password, String keyPassword) {
    @Override
    public String toString() {
      return type + " keystore " + location;
    }
  }

  public int maxConnections() {
    return maxConnections;
  }

  public int maxInFlightRequests() {
    return Math.max(1, maxInFlightRequests);
  }

  public long maxIdleMillis() {
    return maxIdleMillis;
  }

  public int networkThreads() {
    return Math.max(1, networkThreads);
  }

  public int requestThreads() {
    return Math.max(1, requestThreads);
  }
}
