package org.tributary.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.Node;
import org.tributary.cluster.ClusterMembership;
import org.tributary.cluster.ClusterView;
import org.tributary.lease.WriterEpoch;
import org.tributary.lease.WriterLease;
import org.tributary.storage.Database;

/**
 * The cluster as Kafka clients see it: every live server with a Kafka listener is a broker, and the
 * writer (the server that holds the writer lease) leads every partition, coordinates every group
 * and is the controller. Between writers (one died, its lease has not yet expired) there is no
 * leader, which clients wait out by asking again.
 */
@ApplicationScoped
public class KafkaBrokers {

  @Inject ClusterMembership membership;
  @Inject KafkaConfig config;
  @Inject WriterLease writerLease;
  @Inject Database database;

  private volatile WriterEpoch epoch;

  /** The brokers and the writer as one answer sees them. */
  public record Cluster(int self, List<Node> brokers, Optional<Node> writer) {

    /** The controller: the writer, or this server while there is none. */
    public int controller() {
      return writer.map(Node::id).orElse(self);
    }
  }

  /** The cluster now, read once, so that one response is consistent. */
  public Cluster current() {
    ClusterView view = view();
    List<Node> brokers =
        view.brokers().stream()
            .filter(broker -> broker.id() == view.self() || broker.hasKafkaListener())
            .map(broker -> node(view, broker))
            .toList();
    Optional<Node> writer =
        view.writer().flatMap(id -> brokers.stream().filter(node -> node.id() == id).findFirst());
    return new Cluster(view.self(), brokers, writer);
  }

  /**
   * Whether this server answers for the partitions and the groups: it writes. Read on every fetch
   * and group request, so without a container call. Embedded Derby is opened by this server alone:
   * a lapse of its own lease (a long pause) refuses appends, never reads.
   */
  public boolean isWriter() {
    if (database == Database.EMBEDDED_DERBY) {
      return true;
    }
    WriterEpoch held = epoch;
    if (held == null) {
      held = writerLease.epoch();
      epoch = held;
    }
    return held.isHeld();
  }

  /** This server's broker id. */
  public int self() {
    return view().self();
  }

  /** The cluster as this server last read it. */
  protected ClusterView view() {
    return membership.view();
  }

  /** Where this server's Kafka listener is reached. */
  protected ListenerAddress advertised() {
    return config.advertised();
  }

  private Node node(ClusterView view, ClusterView.Broker broker) {
    if (broker.id() == view.self()) {
      ListenerAddress advertised = advertised();
      return new Node(broker.id(), advertised.host(), advertised.port());
    }
    return new Node(broker.id(), broker.host().orElseThrow(), broker.port());
  }
}
