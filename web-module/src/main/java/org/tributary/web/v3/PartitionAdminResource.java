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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.log.PartitionLogs;
import org.tributary.log.PartitionOffsets;
import org.tributary.security.Roles;
import org.tributary.web.v3.Shapes.ResourceList;

/** REST Proxy v3 partitions, with their earliest and latest offsets and stored bytes. */
@Path("/v3/clusters/{cluster_id}/topics/{topic_name}/partitions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "v3 partitions")
@RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
public class PartitionAdminResource {

  @Inject Cluster cluster;
  @Inject PartitionLogs logs;
  @Context UriInfo uri;

  @PathParam("cluster_id")
  String clusterId;

  @PathParam("topic_name")
  String topicName;

  @GET
  @Operation(summary = "The topic's partitions with log start offset and high watermark")
  public ResourceList<Shapes.Partition> list() {
    cluster.require(clusterId);
    return cluster.list(
        uri,
        "KafkaPartitionList",
        "/topics/" + topicName + "/partitions",
        logs.offsets(topicName).stream().map(this::shape).toList());
  }

  @GET
  @Path("/{partition_id}")
  @Operation(summary = "One partition with log start offset and high watermark")
  public Shapes.Partition get(@PathParam("partition_id") String partitionId) {
    cluster.require(clusterId);
    return shape(logs.offsets(topicName, PartitionIds.parse(topicName, partitionId)));
  }

  private Shapes.Partition shape(PartitionOffsets offsets) {
    String path = "/topics/" + topicName + "/partitions/" + offsets.partition();
    return new Shapes.Partition(
        "KafkaPartition",
        cluster.metadata(uri, path, "topic=" + topicName + "/partition=" + offsets.partition()),
        cluster.id(),
        topicName,
        offsets.partition(),
        cluster.related(uri, path + "/replicas/" + Brokers.BROKER_ID),
        cluster.related(uri, path + "/replicas"),
        cluster.related(uri, path + "/reassignment"),
        offsets.logStartOffset(),
        offsets.lastStableOffset(),
        logs.sizeInBytes(topicName, offsets.partition()));
  }
}
