package org.tributary.web.v3;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;

/**
 * The v3 API also under {@code /kafka/v3}, where Confluent Server's embedded REST API and Confluent
 * Cloud serve it and where tools built on Confluent's SDK call it (Terraform's {@code
 * confluent_kafka_topic} with {@code rest_endpoint}, Confluent for Kubernetes' KafkaTopic). The
 * request is matched with {@code /kafka/} as its base, so every {@code self} and {@code related}
 * URL of the answer keeps the prefix the client used.
 */
@Provider
@PreMatching
public class EmbeddedRestPrefix implements ContainerRequestFilter {

  static final String PREFIX = "kafka/";

  @Override
  public void filter(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath(false);
    if (path.startsWith(PREFIX + "v3/") || path.equals(PREFIX + "v3")) {
      URI base = request.getUriInfo().getBaseUri();
      request.setRequestUri(base.resolve(PREFIX), request.getUriInfo().getRequestUri());
    }
  }
}
