package org.tributary.web.v3;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.log.PartitionLogs;
import org.tributary.log.PartitionOffsets;
import org.tributary.security.Roles;

/** REST Proxy v3 partition offsets: a partition's earliest and latest offsets. */
@Path("/v3/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/offset")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "v3 partitions")
@RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
public class PartitionOffsetsResource {

  private static final String EARLIEST_AND_LATEST = "earliest_and_latest";

  @Inject Cluster cluster;
  @Inject PartitionLogs logs;
  @Context UriInfo uri;

  @GET
  @Operation(summary = "The partition's log start offset and high watermark")
  public Shapes.PartitionWithOffsets get(
      @PathParam("cluster_id") String clusterId,
      @PathParam("topic_name") String topicName,
      @PathParam("partition_id") String partitionId,
      @QueryParam("offset_type") @DefaultValue(EARLIEST_AND_LATEST) String offsetType) {
    cluster.require(clusterId);
    if (!EARLIEST_AND_LATEST.equals(offsetType)) {
      throw new BadRequestException(
          "offset_type '"
              + offsetType
              + "' is invalid: the one offset type is earliest_and_latest.");
    }
    int partition = PartitionIds.parse(topicName, partitionId);
    PartitionOffsets offsets = logs.offsets(topicName, partition);
    return new Shapes.PartitionWithOffsets(
        "KafkaPartitionWithOffsets",
        cluster.metadata(
            uri,
            "/topics/" + topicName + "/partitions/" + partition + "/offset",
            "topic=" + topicName + "/partition=" + partition + "/offset_type=" + offsetType),
        cluster.id(),
        topicName,
        partition,
        offsets.logStartOffset(),
        offsets.lastStableOffset());
  }
}
