package org.tributary.kafka;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;
import org.tributary.security.Roles;
import org.tributary.security.UserView;

/**
 * One connection's identity: where it comes from, the client id it last sent, and the user it
 * authenticated as over SASL. Written by the connection's request handling only, one request at a
 * time; read by the handlers of that connection's requests.
 */
public final class KafkaSession {

  private final String connectionId;
  private final InetSocketAddress remote;
  private volatile UserView user;
  private volatile String clientId = "";
  private volatile String saslMechanism;
  private volatile boolean closing;
  private volatile boolean rawSaslTokenNext;
  private volatile long userReadAtNanos;

  public KafkaSession(String connectionId, InetSocketAddress remote) {
    this.connectionId = connectionId;
    this.remote = remote;
  }

  public String connectionId() {
    return connectionId;
  }

  public String address() {
    return remote.getAddress().getHostAddress();
  }

  public InetSocketAddress remote() {
    return remote;
  }

  public Optional<UserView> user() {
    return Optional.ofNullable(user);
  }

  public boolean authenticated() {
    return user != null;
  }

  /** The signed-in user's name, or the empty string before authentication. */
  public String userName() {
    UserView signedIn = user;
    return signedIn == null ? "" : signedIn.name();
  }

  /** Whether the user has one of these roles; admin may do everything. */
  public boolean hasAnyRole(String... roles) {
    UserView signedIn = user;
    if (signedIn == null) {
      return false;
    }
    Set<String> held = signedIn.roles();
    if (held.contains(Roles.ADMIN)) {
      return true;
    }
    for (String role : roles) {
      if (held.contains(role)) {
        return true;
      }
    }
    return false;
  }

  public String clientId() {
    return clientId;
  }

  void clientId(String id) {
    clientId = id == null ? "" : id;
  }

  void authenticatedAs(UserView signedIn) {
    user = signedIn;
    userReadAtNanos = System.nanoTime();
  }

  /** Whether the user's roles were last read longer ago than {@code nanos}. */
  boolean userOlderThan(long nanos, long nowNanos) {
    return nowNanos - userReadAtNanos > nanos;
  }

  /** The user as the user store says now (roles changed by an admin since the sign-in). */
  void userReread(UserView current, long nowNanos) {
    user = current;
    userReadAtNanos = nowNanos;
  }

  /** The mechanism SaslHandshake chose, if it did. */
  Optional<String> saslMechanism() {
    return Optional.ofNullable(saslMechanism);
  }

  void saslMechanism(String mechanism) {
    saslMechanism = mechanism;
  }

  /**
   * Whether the next frame is a SASL token without a request header (after SaslHandshake v0), to be
   * answered with the raw server token.
   */
  public boolean rawSaslTokenNext() {
    return rawSaslTokenNext;
  }

  void rawSaslTokenNext(boolean raw) {
    rawSaslTokenNext = raw;
  }

  /** The connection closes once the response to this request is sent (a failed sign-in). */
  void closeAfterResponse() {
    closing = true;
  }

  public boolean closing() {
    return closing;
  }
}
