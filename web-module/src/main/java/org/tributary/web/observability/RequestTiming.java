package org.tributary.web.observability;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Times every API request, from its arrival to its response (for a long poll, the wait included),
 * as the timer {@code tributary.http.request} tagged with the resource method and the status class.
 */
@Provider
public class RequestTiming implements ContainerRequestFilter, ContainerResponseFilter {

  private static final String STARTED = RequestTiming.class.getName() + ".started";
  private static final Metadata TIMER =
      Metadata.builder()
          .withName("tributary.http.request")
          .withDescription("HTTP API requests by resource method and status class")
          .build();

  @Inject MetricRegistry registry;
  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(STARTED, System.nanoTime());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!(request.getProperty(STARTED) instanceof Long started)
        || resource.getResourceMethod() == null) {
      return;
    }
    String method =
        resource.getResourceClass().getSimpleName() + "." + resource.getResourceMethod().getName();
    registry
        .timer(
            TIMER, new Tag("method", method), new Tag("status", response.getStatus() / 100 + "xx"))
        .update(Duration.ofNanos(System.nanoTime() - started));
  }
}
