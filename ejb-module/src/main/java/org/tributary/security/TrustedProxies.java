package org.tributary.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address a request comes from, for the sign-in throttle. Behind a reverse proxy every request
 * comes from the proxy; {@code tributary.http.trusted-proxies} names the proxies (comma-separated
 * addresses; none by default) whose {@code X-Forwarded-For} is believed. Its entries are read from
 * the right, skipping trusted proxies: the first other address is the client. A header from
 * anywhere else is ignored, since any client can send one.
 */
@ApplicationScoped
public class TrustedProxies {

  /** The header a reverse proxy names the addresses a request passed through in. */
  public static final String FORWARDED_FOR = "X-Forwarded-For";

  @Inject
  @ConfigProperty(name = "tributary.http.trusted-proxies")
  Optional<String> configured;

  private Set<String> proxies;

  /** For CDI. */
  protected TrustedProxies() {}

  TrustedProxies(Set<String> proxies) {
    this.proxies = proxies;
  }

  /**
   * The client's address, from the connection's remote address and the request's {@link
   * #FORWARDED_FOR} headers.
   */
  public String clientAddress(String remoteAddress, Enumeration<String> forwardedFor) {
    String client = remoteAddress;
    if (!proxies().contains(client) || forwardedFor == null) {
      return client;
    }
    // Several headers count as one list, in order.
    List<String> hops =
        Collections.list(forwardedFor).stream()
            .flatMap(header -> Arrays.stream(header.split(",")))
            .map(String::trim)
            .filter(hop -> !hop.isEmpty())
            .toList();
    for (int i = hops.size() - 1; i >= 0 && proxies().contains(client); i--) {
      client = hops.get(i);
    }
    return client;
  }

  private Set<String> proxies() {
    if (proxies == null) {
      proxies =
          Arrays.stream(configured.orElse("").split(","))
              .map(String::trim)
              .filter(address -> !address.isEmpty())
              .collect(Collectors.toUnmodifiableSet());
    }
    return proxies;
  }
}
