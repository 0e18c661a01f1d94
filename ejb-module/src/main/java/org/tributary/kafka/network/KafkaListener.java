package org.tributary.kafka.network;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.tributary.cluster.ClusterMembership;
import org.tributary.kafka.KafkaApis;
import org.tributary.kafka.KafkaConfig;

/**
 * Starts the Kafka listener with the application and stops it with it. Its threads (Netty's event
 * loops, the request handlers) come from the container's {@link ManagedThreadFactory}. A listener
 * that cannot bind (the port is taken) is logged and left off: the rest of Tributary still serves.
 *
 * <p>Concurrency: bean-managed; start and stop are the container's calls, and the server owns its
 * own state.
 */
@Singleton
@Startup
@DependsOn({"PartitionLogs", "ClusterMembership"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class KafkaListener {

  private static final Logger LOG = Logger.getLogger(KafkaListener.class.getName());

  @Inject KafkaConfig config;
  @Inject KafkaApis apis;
  @Inject ClusterMembership membership;

  @Inject MetricRegistry registry;

  @Resource ManagedThreadFactory threadFactory;

  private SocketServer server;

  @PostConstruct
  void start() {
    if (!config.enabled()) {
      LOG.info("Kafka listener off (tributary.kafka.listener=none)");
      return;
    }
    server = new SocketServer(config, apis, threadFactory, new ListenerMetrics(registry));
    try {
      server.start();
      membership.advertise(config.advertised().host(), config.advertised().port());
      LOG.info(
          "Kafka listener on "
              + server.boundAddress()
              + ", advertised as "
              + config.advertised()
              + " ("
              + server.protocol()
              + ", PLAIN against Tributary's users)");
    } catch (RuntimeException e) {
      LOG.log(
          Level.SEVERE,
          "Kafka listener could not start on "
              + config.listener()
              + " (tributary.kafka.listener): "
              + e.getMessage()
              + ". Kafka clients cannot connect; REST and the console still work.",
          e);
      server.stop();
      server = null;
    }
  }

  @PreDestroy
  void stop() {
    if (server != null) {
      server.stop();
    }
  }
}
