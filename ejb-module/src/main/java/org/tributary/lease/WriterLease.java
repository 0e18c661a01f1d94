package org.tributary.lease;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * One writer per database: this server appends only while it holds the writer lease. It claims the
 * lease at start (refused while another server holds it unexpired), renews it every quarter of its
 * term, and stops acknowledging before the lease could expire when renewals fail. A server that
 * does not hold it tries again at every renewal, so it takes over once the holder stopped (at once
 * after a clean shutdown, which releases the lease; after the term when the holder died).
 *
 * <p>Concurrency: bean-managed; the state is the {@link WriterEpoch}, written only by the renewal
 * task (and start-up before it runs), read by every append.
 */
@Singleton
@Startup
@DependsOn("Storage")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WriterLease {

  /** The lease that covers every partition of the database, until leases go per partition. */
  public static final String NAME = "writer";

  private static final Logger LOG = Logger.getLogger(WriterLease.class.getName());

  private final String owner =
      ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

  @Inject LeaseStore store;
  @Inject Event<WriterClaimed> claimed;
  @Resource ManagedScheduledExecutorService scheduler;
  @Inject MetricRegistry registry;

  @Inject
  @ConfigProperty(name = "tributary.writer.lease-ms", defaultValue = "10000")
  long leaseMillis;

  private final WriterEpoch epoch = new WriterEpoch(System::nanoTime);

  private Counter claims;
  private Counter losses;
  private String refusalLogged;
  private ScheduledFuture<?> renewals;

  @PostConstruct
  void start() {
    claims =
        registry.counter(
            Metadata.builder()
                .withName("tributary.writer.lease.claims")
                .withDescription("Times this server became the writer: at start, or taking over")
                .build());
    losses =
        registry.counter(
            Metadata.builder()
                .withName("tributary.writer.lease.losses")
                .withDescription("Times this server lost the writer lease to another server")
                .build());
    try {
      store.createIfMissing(NAME);
    } catch (RuntimeException raced) {
      LOG.log(Level.FINE, "Another server created the writer lease first", raced);
    }
    claimIfFree(false);
    long every = Math.max(1, leaseMillis / 4);
    renewals =
        scheduler.scheduleWithFixedDelay(this::renewOrClaim, every, every, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (renewals != null) {
      renewals.cancel(false);
    }
    boolean wasHeld = !epoch.notHeld();
    long held = epoch.held();
    epoch.drop();
    if (wasHeld) {
      try {
        store.release(NAME, owner, held);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Could not release the writer lease; it expires on its own", e);
      }
    }
  }

  /** Who this server is to the writer lease: a name no other server, or later start, has. */
  public String owner() {
    return owner;
  }

  /** The epoch this server writes under, to read on every append without a container call. */
  public WriterEpoch epoch() {
    return epoch;
  }

  public boolean isWriter() {
    return epoch.isHeld();
  }

  /**
   * A fenced transaction that touches the stored batches, as an append does; it changes nothing.
   */
  public void probeWrite() {
    store.probeWrite(NAME, epoch.require());
  }

  private void renewOrClaim() {
    try {
      if (epoch.notHeld()) {
        claimIfFree(true);
        return;
      }
      long held = epoch.held();
      long started = System.nanoTime();
      if (store.renew(NAME, owner, held, term())) {
        epoch.extend(started + safeTerm());
      } else {
        epoch.drop();
        losses.inc();
        LOG.severe(
            "This server lost the writer lease (epoch "
                + held
                + ") to another server: it stops appending and refuses writes.");
      }
    } catch (RuntimeException e) {
      // A slow or failing database: the lease runs out locally before it can expire there.
      LOG.log(Level.WARNING, "Could not renew the writer lease; retrying", e);
    }
  }

  private void claimIfFree(boolean takeOver) {
    long started = System.nanoTime();
    LeaseClaim claim;
    try {
      claim = store.claim(NAME, owner, term());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not claim the writer lease; retrying", e);
      return;
    }
    if (!claim.granted()) {
      if (!claim.holder().equals(refusalLogged)) {
        refusalLogged = claim.holder();
        LOG.severe(
            "Another server ("
                + claim.holder()
                + ") is the writer of this database (writer lease epoch "
                + claim.epoch()
                + ", expires "
                + claim.holderExpiresAt()
                + "): this server refuses writes and reports not ready until it can take over."
                + " Tributary allows one writer per database.");
      }
      return;
    }
    if (takeOver) {
      // Reload what the previous writer appended before acknowledging anything of our own.
      claimed.fire(new WriterClaimed(claim.epoch()));
    }
    epoch.hold(claim.epoch(), started + safeTerm());
    claims.inc();
    refusalLogged = null;
    LOG.info(
        () ->
            "This server is the writer of its database (writer lease epoch " + claim.epoch() + ")");
  }

  private Duration term() {
    return Duration.ofMillis(leaseMillis);
  }

  /** Stop acknowledging a fifth of the term before the lease could expire in the database. */
  private long safeTerm() {
    return TimeUnit.MILLISECONDS.toNanos(leaseMillis - leaseMillis / 5);
  }
}
