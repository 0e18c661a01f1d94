package org.tributary.web;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * How responses are written: field names in snake case as REST Proxy writes them ({@code errorCode}
 * becomes {@code error_code}), and null fields kept, because REST Proxy clients expect {@code
 * "key_schema_id": null} rather than a missing field.
 */
@Provider
public class JsonBinding implements ContextResolver<Jsonb> {

  /** Shared, for the few places that write JSON outside JAX-RS's entity writing. */
  public static final Jsonb JSONB =
      JsonbBuilder.create(
          new JsonbConfig()
              .withNullValues(true)
              .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES));

  @Override
  public Jsonb getContext(Class<?> type) {
    return JSONB;
  }
}
