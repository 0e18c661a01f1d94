package org.tributary.audit;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the audit trail for {@code tributary.audit.retention.ms} (90 days by default; -1: for
 * ever): every minute a run of {@link AuditPurge} removes older entries in bounded chunks.
 */
@Singleton
@Startup
// Bean-managed: the one piece of state is the flag that keeps runs from overlapping.
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditRetention {

  private static final Logger LOG = Logger.getLogger(AuditRetention.class.getName());

  @Inject AuditTrail trail;

  @Inject
  @ConfigProperty(name = "tributary.audit.retention.ms", defaultValue = "7776000000")
  long retentionMs;

  private final AtomicBoolean running = new AtomicBoolean();
  private volatile AuditPurge purge;

  @PostConstruct
  void start() {
    purge = new AuditPurge(trail::removeOldest, Duration.ofMillis(retentionMs), Clock.systemUTC());
  }

  @Schedule(hour = "*", minute = "*", persistent = false)
  void tick() {
    purgeExpired();
  }

  /** Removes the entries older than the retention now; returns how many went. */
  public int purgeExpired() {
    if (!running.compareAndSet(false, true)) {
      return 0; // the previous run is still going
    }
    try {
      int removed = purge.run();
      if (removed > 0) {
        LOG.fine(() -> "Audit retention removed " + removed + " entries");
      }
      return removed;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Audit retention failed; it runs again in a minute", e);
      return 0;
    } finally {
      running.set(false);
    }
  }
}
