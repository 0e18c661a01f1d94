package org.tributary.security;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Tributary's roles. {@code admin} may do everything; {@code producer} produces; {@code consumer}
 * runs consumer instances (fetch, commit its own group's offsets); {@code viewer} lists, describes
 * and browses, changing nothing. Every role may read metadata, as Kafka clients must.
 */
public final class Roles {

  public static final String ADMIN = "admin";
  public static final String PRODUCER = "producer";
  public static final String CONSUMER = "consumer";
  public static final String VIEWER = "viewer";

  /** Every role, in the order the console lists them (Set.of has no order). */
  public static final Set<String> ALL =
      Collections.unmodifiableSet(new LinkedHashSet<>(List.of(ADMIN, PRODUCER, CONSUMER, VIEWER)));

  private Roles() {}
}
