package org.tributary.web.observability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.tributary.lease.WriterLease;

/**
 * Ready when this server can append: it holds the writer lease of its database, and a fenced write
 * to the record batches gets through in time (a lock held on them, a stuck database, shows here).
 */
@Readiness
@ApplicationScoped
public class WriterReadiness implements HealthCheck {

  private static final Logger LOG = Logger.getLogger(WriterReadiness.class.getName());

  @Inject WriterLease writerLease;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("tributary-writer");
    try {
      if (!writerLease.isWriter()) {
        return response.down().withData("writer", "another server holds the writer lease").build();
      }
      writerLease.probeWrite();
      return response.up().build();
    } catch (RuntimeException e) {
      // The cause goes to the log only: an open endpoint shows no database text.
      LOG.log(Level.WARNING, "The write path did not answer the readiness probe", e);
      return response.down().withData("writer", "the write path does not answer in time").build();
    }
  }
}
