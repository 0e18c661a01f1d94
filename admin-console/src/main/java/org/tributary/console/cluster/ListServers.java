package org.tributary.console.cluster;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.tributary.cluster.ClusterMembership;
import org.tributary.cluster.ClusterView;

/**
 * Backs the servers page: the live servers on this database, which one writes, and which one served
 * the page. View scoped; a reload reads the cluster afresh.
 */
@Named
@ViewScoped
public class ListServers implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient ClusterMembership membership;

  private List<Server> rows;

  /** One server as the page shows it. */
  public record Server(
      int brokerId,
      String kafkaAddress,
      Instant startedAt,
      Instant heartbeatAt,
      boolean writer,
      boolean thisServer)
      implements Serializable {

    public String role() {
      return writer ? "writer" : "standby";
    }
  }

  public List<Server> getRows() {
    if (rows == null) {
      ClusterView view = membership.view();
      rows =
          view.brokers().stream()
              .map(
                  broker ->
                      new Server(
                          broker.id(),
                          broker.host().map(host -> host + ":" + broker.port()).orElse(null),
                          broker.startedAt(),
                          broker.heartbeatAt(),
                          view.writer().filter(id -> id == broker.id()).isPresent(),
                          broker.id() == view.self()))
              .toList();
    }
    return rows;
  }

  /** Whether some server writes: none between a writer's death and the take-over. */
  public boolean isWriterKnown() {
    return getRows().stream().anyMatch(Server::writer);
  }
}
