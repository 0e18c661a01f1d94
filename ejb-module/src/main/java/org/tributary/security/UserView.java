package org.tributary.security;

import java.time.Instant;
import java.util.Set;

/** What may be shown of a user: never the password or its hash. */
public record UserView(
    String name,
    Set<String> roles,
    boolean mustChangePassword,
    Instant createdAt,
    Instant passwordChangedAt) {}
