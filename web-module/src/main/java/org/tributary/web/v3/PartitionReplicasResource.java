package org.tributary.web.v3;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.stream.IntStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.security.Roles;
import org.tributary.topic.TopicCatalog;
import org.tributary.web.v3.Shapes.ResourceList;

/** REST Proxy v3 replicas on a broker: on this one, every partition's, by topic and partition. */
@Path("/v3/clusters/{cluster_id}/brokers/{broker_id}/partition-replicas")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "v3 brokers")
@RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
public class PartitionReplicasResource {

  @Inject Cluster cluster;
  @Inject Brokers brokers;
  @Inject TopicCatalog topics;
  @Context UriInfo uri;

  @GET
  @Operation(summary = "The replicas on the broker: one per partition of every topic")
  public ResourceList<Shapes.Replica> list(
      @PathParam("cluster_id") String clusterId, @PathParam("broker_id") String brokerId) {
    cluster.require(clusterId);
    Brokers.require(brokerId);
    return cluster.list(
        uri,
        "KafkaReplicaList",
        Brokers.path() + "/partition-replicas",
        topics.list().stream()
            .flatMap(
                topic ->
                    IntStream.range(0, topic.partitions())
                        .mapToObj(partition -> brokers.replica(uri, topic.name(), partition)))
            .toList());
  }
}
