package org.tributary.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.Node;
import org.tributary.cluster.ClusterMembership;
import org.tributary.cluster.ClusterView;

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

  /** The brokers, by id; this server always among them. */
  public List<Node> brokers() {
    ClusterView view = view();
    return view.brokers().stream()
        .filter(broker -> broker.id() == view.self() || broker.hasKafkaListener())
        .map(broker -> node(view, broker))
        .toList();
  }

  /** The leader of every partition and coordinator of every group, unless there is none now. */
  public Optional<Node> writer() {
    ClusterView view = view();
    return view.writer()
        .flatMap(view::broker)
        .filter(broker -> broker.id() == view.self() || broker.hasKafkaListener())
        .map(broker -> node(view, broker));
  }

  /** Whether this server leads the partitions and coordinates the groups. */
  public boolean isWriter() {
    ClusterView view = view();
    return view.writer().filter(id -> id == view.self()).isPresent();
  }

  /** This server's broker id. */
  public int self() {
    return view().self();
  }

  /** The controller: the writer, or this server while there is none. */
  public int controller() {
    return writer().map(Node::id).orElse(self());
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
