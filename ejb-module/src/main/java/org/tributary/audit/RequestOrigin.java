package org.tributary.audit;

import jakarta.enterprise.context.RequestScoped;

/**
 * Where the current request comes from, for the audit trail: the client's address as {@code
 * security.TrustedProxies} resolves it. The HTTP authentication mechanisms (the API's and the
 * console's) fill it on every request, since only they see the HTTP request; the core reads it
 * without knowing HTTP. Outside an HTTP request it stays empty.
 */
@RequestScoped
public class RequestOrigin {

  private String address;

  public String address() {
    return address;
  }

  /** Called by the authentication mechanism for every request it sees. */
  public void from(String address) {
    this.address = address;
  }
}
