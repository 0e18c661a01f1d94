package org.tributary.clients;

import java.util.Objects;

/**
 * Who a client is, as far as the broker can tell.
 *
 * @param principal the authenticated user, null when unauthenticated
 * @param clientId the v2 consumer instance's name, or the application's name for the in-process
 *     facade; null for HTTP producers
 * @param address the remote address over HTTP, {@link #IN_PROCESS} for the facade
 */
public record ClientIdentity(ClientKind kind, String principal, String clientId, String address) {

  public static final String IN_PROCESS = "in-process";

  public ClientIdentity {
    Objects.requireNonNull(kind, "kind");
  }
}
