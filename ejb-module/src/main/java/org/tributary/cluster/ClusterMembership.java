package org.tributary.cluster;

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
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.tributary.lease.LeaseStore;
import org.tributary.lease.WriterLease;

/**
 * This server as a member of the cluster of servers on one database: it joins at start (getting a
 * broker id), says it is alive every quarter of the lease term, and reads every time which servers
 * are alive and which one holds the writer lease. Kafka's Metadata and FindCoordinator answer from
 * that view, so clients that reach any server are sent to the writer, and follow it when another
 * server takes over.
 *
 * <p>Concurrency: bean-managed; who this server is ({@code self}: broker id and address) is
 * replaced under this bean's monitor by start-up, the Kafka listener's {@link #advertise} and the
 * heartbeat task, and read by any thread; the view is replaced by the heartbeat task.
 */
@Singleton
@Startup
@DependsOn("WriterLease")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClusterMembership {

  private static final Logger LOG = Logger.getLogger(ClusterMembership.class.getName());

  @Inject ClusterMembers members;
  @Inject LeaseStore leases;
  @Inject WriterLease writerLease;
  @Resource ManagedScheduledExecutorService scheduler;
  @Inject MetricRegistry registry;

  @Inject
  @ConfigProperty(name = "tributary.writer.lease-ms", defaultValue = "10000")
  long leaseMillis;

  private volatile ClusterView.Self self;
  private volatile ClusterView view;
  private ScheduledFuture<?> heartbeats;

  @PostConstruct
  void start() {
    self = new ClusterView.Self(0, writerLease.owner(), Optional.empty(), -1);
    view = ClusterView.of(self, List.of(), Instant.now(), term(), Optional.empty());
    join();
    refresh();
    registry.gauge(
        Metadata.builder()
            .withName("tributary.cluster.brokers")
            .withDescription("Live servers of the cluster, as this server last read them")
            .build(),
        this,
        membership -> membership.view().brokers().size());
    registry.gauge(
        Metadata.builder()
            .withName("tributary.cluster.writer.broker")
            .withDescription("Broker id of the server that writes; -1 while none does")
            .build(),
        this,
        membership -> membership.view().writer().orElse(-1));
    long every = Math.max(1, leaseMillis / 4);
    heartbeats =
        scheduler.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (heartbeats != null) {
      heartbeats.cancel(false);
    }
    try {
      members.leave(self.brokerId(), self.memberId());
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING, "Could not leave the cluster; this server's row expires on its own", e);
    }
  }

  /**
   * The live servers and the writer. This server's own role is known here first: it is the writer
   * from the moment it holds the lease, and no longer from the moment it may not write.
   */
  public ClusterView view() {
    return view.withSelfWriting(writerLease.isWriter());
  }

  /** Where Kafka clients reach this server; said by the Kafka listener once it listens. */
  public void advertise(String host, int port) {
    ClusterView.Self current;
    synchronized (this) {
      current = self;
      self = new ClusterView.Self(current.brokerId(), current.memberId(), Optional.of(host), port);
    }
    try {
      members.advertise(current.brokerId(), current.memberId(), host, port);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not record this server's Kafka address; the heartbeat will", e);
    }
    refresh();
  }

  private void heartbeat() {
    ClusterView.Self current = self;
    try {
      if (!members.heartbeat(
          current.brokerId(),
          current.memberId(),
          current.host().orElse(null),
          current.host().isPresent() ? current.port() : null)) {
        LOG.warning(
            "This server was taken for dead (no heartbeat for "
                + leaseMillis
                + " ms) and its broker id "
                + current.brokerId()
                + " given away; it joins again");
        join();
        ClusterView.Self joined = self;
        joined.host().ifPresent(host -> advertise(host, joined.port()));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not say this server is alive; retrying", e);
    }
    refresh();
  }

  private void join() {
    for (int attempt = 1; ; attempt++) {
      try {
        int brokerId = members.join(self.memberId(), term());
        synchronized (this) {
          ClusterView.Self current = self;
          self = new ClusterView.Self(brokerId, current.memberId(), current.host(), current.port());
        }
        LOG.info(() -> "This server joined the cluster as broker " + brokerId);
        return;
      } catch (RuntimeException e) {
        // Another server took the same new broker id at the same moment: once more.
        if (attempt == 3) {
          LOG.log(Level.WARNING, "Could not join the cluster; retrying at the next heartbeat", e);
          return;
        }
      }
    }
  }

  private void refresh() {
    try {
      ClusterMembers.Members read = members.read();
      view = ClusterView.of(self, read.rows(), read.now(), term(), leases.holder(WriterLease.NAME));
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Could not read the cluster's members; keeping the last view", e);
    }
  }

  private Duration term() {
    return Duration.ofMillis(leaseMillis);
  }
}
