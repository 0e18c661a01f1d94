package org.tributary.web.v3;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.log.LogCleanup;
import org.tributary.security.Roles;
import org.tributary.web.HttpClients;
import org.tributary.web.v3.Shapes.ResourceList;

/**
 * Tributary's DeleteRecords (Kafka's {@code Admin.deleteRecords}; REST Proxy v3 has none): records
 * before an offset stop being readable, and the partition's log start offset moves up to it.
 */
@Path("/v3/clusters/{cluster_id}/topics/{topic_name}/records:delete")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "v3 topics")
@RolesAllowed(Roles.ADMIN)
public class DeleteRecordsResource {

  @Inject Cluster cluster;
  @Inject LogCleanup cleanup;
  @Context UriInfo uri;

  @PathParam("cluster_id")
  String clusterId;

  @PathParam("topic_name")
  String topicName;

  @POST
  @Operation(
      summary = "Delete the records before an offset in each listed partition",
      description =
          "Body {\"partitions\": [{\"partition_id\": 0, \"offset\": 42}]}; offset -1 is the high"
              + " watermark. Every partition and offset is checked before anything changes."
              + " Answers each partition's new log start offset (low_watermark).")
  public ResourceList<Shapes.DeletedRecords> delete(
      String body, @Context HttpServletRequest request) {
    cluster.require(clusterId);
    Map<Integer, Long> beforeOffsets = DeleteRecordsBody.parse(body).beforeOffsets();
    Map<Integer, Long> lowWatermarks =
        cleanup.deleteRecords(topicName, beforeOffsets, HttpClients.who(request));
    String partitions = "/topics/" + topicName + "/partitions";
    return cluster.list(
        uri,
        "KafkaDeletedRecordsList",
        partitions,
        lowWatermarks.entrySet().stream()
            .map(
                low ->
                    new Shapes.DeletedRecords(
                        "KafkaDeletedRecords",
                        cluster.id(),
                        topicName,
                        low.getKey(),
                        low.getValue(),
                        cluster.related(uri, partitions + "/" + low.getKey())))
            .toList());
  }
}
