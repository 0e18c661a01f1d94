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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.log.PartitionLogs;
import org.tributary.security.Roles;
import org.tributary.web.v3.Shapes.ResourceList;

/** REST Proxy v3 replicas of a partition: one, on this broker, the leader and in sync. */
@Path("/v3/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/replicas")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "v3 partitions")
@RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
public class ReplicasResource {

  @Inject Cluster cluster;
  @Inject Brokers brokers;
  @Inject PartitionLogs logs;
  @Context UriInfo uri;

  @PathParam("cluster_id")
  String clusterId;

  @PathParam("topic_name")
  String topicName;

  @PathParam("partition_id")
  String partitionId;

  @GET
  @Operation(summary = "The partition's replicas: this broker's, the leader")
  public ResourceList<Shapes.Replica> list() {
    int partition = requirePartition();
    return cluster.list(
        uri,
        "KafkaReplicaList",
        "/topics/" + topicName + "/partitions/" + partition + "/replicas",
        List.of(brokers.replica(uri, topicName, partition)));
  }

  @GET
  @Path("/{broker_id}")
  @Operation(summary = "The partition's replica on one broker")
  public Shapes.Replica get(@PathParam("broker_id") String brokerId) {
    int partition = requirePartition();
    Brokers.require(brokerId);
    return brokers.replica(uri, topicName, partition);
  }

  private int requirePartition() {
    cluster.require(clusterId);
    int partition = PartitionIds.parse(topicName, partitionId);
    logs.offsets(topicName, partition); // refuses an unknown topic or partition
    return partition;
  }
}
