package org.tributary.audit;

import jakarta.enterprise.context.RequestScoped;

/**
 * Where the current request comes from, for the audit trail: the client's address as {@code
 * security.TrustedProxies} resolves it, and, for a request that signed in outside the container
 * (the Kafka listener's SASL), who and over which API. The HTTP authentication mechanisms (the
 * API's and the console's) fill the address on every request, since only they see the HTTP request
 * (who is then the container's caller principal); the Kafka listener fills all three. The core
 * reads it without knowing either protocol. Outside a request it stays empty.
 */
@RequestScoped
public class RequestOrigin {

  private String address;
  private String user;
  private String via;

  public String address() {
    return address;
  }

  /** The user who signed in outside the container (Kafka SASL), or null: the caller principal. */
  public String user() {
    return user;
  }

  /** What the trail shows as the origin: the address, then the protocol's API if not HTTP. */
  public String where() {
    return address == null || via == null ? address : address + " (" + via + ")";
  }

  /** Called by the authentication mechanism for every request it sees. */
  public void from(String address) {
    this.address = address;
  }

  /** Called by the Kafka listener for a request that changes something. */
  public void kafka(String user, String address, String api) {
    this.user = user;
    this.address = address;
    this.via = "Kafka " + api;
  }
}
