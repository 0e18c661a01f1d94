package org.tributary.web.v3;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
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
import org.tributary.topic.TopicCatalog;

/**
 * REST Proxy v3 partition reassignments. With one broker nothing is ever reassigned: the lists
 * ({@code topics/-/partitions/-/reassignment}, {@code topics/{t}/partitions/-/reassignment}) are
 * empty, and a partition's reassignment has no replicas being added or removed (kafka-rest answers
 * 404 there when none is in progress; Tributary answers what is true, so that the link a partition
 * carries leads somewhere).
 */
@Path("/v3/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/reassignment")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "v3 partitions")
@RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
public class ReassignmentsResource {

  private static final String ALL = "-";

  @Inject Cluster cluster;
  @Inject TopicCatalog topics;
  @Inject PartitionLogs logs;
  @Context UriInfo uri;

  @GET
  @Operation(
      summary = "Reassignments: none (one broker); '-' as topic and partition lists them all")
  public Object get(
      @PathParam("cluster_id") String clusterId,
      @PathParam("topic_name") String topicName,
      @PathParam("partition_id") String partitionId) {
    cluster.require(clusterId);
    if (!ALL.equals(topicName)) {
      topics.get(topicName); // refuses an unknown topic
    }
    String path = "/topics/" + topicName + "/partitions/" + partitionId + "/reassignment";
    if (ALL.equals(partitionId)) {
      return cluster.list(uri, "KafkaReassignmentList", path, List.of());
    }
    if (ALL.equals(topicName)) {
      throw new NotFoundException(
          "Name a topic to see one partition's reassignment, or use"
              + " topics/-/partitions/-/reassignment for all.");
    }
    int partition = PartitionIds.parse(topicName, partitionId);
    logs.offsets(topicName, partition); // refuses an unknown partition
    return new Shapes.Reassignment(
        "KafkaReassignment",
        cluster.metadata(
            uri, path, "topic=" + topicName + "/partition=" + partition + "/reassignment"),
        cluster.id(),
        topicName,
        partition,
        List.of(),
        List.of(),
        cluster.related(uri, "/topics/" + topicName + "/partitions/" + partition + "/replicas"));
  }
}
