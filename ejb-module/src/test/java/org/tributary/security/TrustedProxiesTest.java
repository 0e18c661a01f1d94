package org.tributary.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

  private static String client(Set<String> proxies, String remote, String... forwardedFor) {
    return new TrustedProxies(proxies)
        .clientAddress(remote, Collections.enumeration(List.of(forwardedFor)));
  }

  @Test
  void withoutTrustedProxiesTheHeaderIsIgnored() {
    assertEquals("10.0.0.9", client(Set.of(), "10.0.0.9", "203.0.113.7"));
  }

  @Test
  void aTrustedProxyNamesTheClient() {
    assertEquals("203.0.113.7", client(Set.of("10.0.0.9"), "10.0.0.9", "203.0.113.7"));
  }

  @Test
  void aClientCannotForgeAnAddressThroughATrustedProxy() {
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
    assertEquals("203.0.113.7", client(Set.of("10.0.0.9"), "10.0.0.9", "1.2.3.4, 203.0.113.7"));
  }

  @Test
  void trustedHopsAreSkippedFromTheRightAcrossHeaders() {
    assertEquals(
        "203.0.113.7",
        client(Set.of("10.0.0.9", "10.0.0.8"), "10.0.0.9", "1.2.3.4, 203.0.113.7", "10.0.0.8"));
  }

  @Test
  void anUntrustedSenderOfTheHeaderIsTheClient() {
    assertEquals("198.51.100.1", client(Set.of("10.0.0.9"), "198.51.100.1", "10.0.0.9"));
  }

  @Test
  void aTrustedProxyWithoutTheHeaderIsTheClient() {
    assertEquals("10.0.0.9", client(Set.of("10.0.0.9"), "10.0.0.9"));
  }
}
