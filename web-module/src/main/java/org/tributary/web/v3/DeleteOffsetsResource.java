package org.tributary.web.v3;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.group.GroupDeletions;
import org.tributary.group.OffsetDeletion;
import org.tributary.security.Roles;
import org.tributary.web.json.JsonBody;
import org.tributary.web.v3.Shapes.ResourceList;

/**
 * Tributary's OffsetDelete of a consumer group (Kafka's {@code kafka-consumer-groups.sh
 * --delete-offsets}; REST Proxy has none): the group's committed offsets of one topic, or of some
 * of its partitions, are forgotten, so that its consumers start there by {@code auto.offset.reset}.
 */
@Path("/v3/clusters/{cluster_id}/consumer-groups/{group}/offsets:delete")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "v3 consumer groups")
@RolesAllowed(Roles.ADMIN)
public class DeleteOffsetsResource {

  @Inject Cluster cluster;
  @Inject GroupDeletions deletions;
  @Context UriInfo uri;

  @PathParam("cluster_id")
  String clusterId;

  @POST
  @Operation(
      summary = "Delete the group's committed offsets of a topic or of some of its partitions",
      description =
          "Body {\"topic_name\": \"orders\", \"partitions\": [0, 2]}; without partitions, all of"
              + " the topic's. Refused with 409 (40907) while a member of the group subscribes to"
              + " the topic. Answers the committed offsets deleted.")
  public ResourceList<Shapes.DeletedOffset> delete(@PathParam("group") String group, String body) {
    cluster.require(clusterId);
    JsonBody json = JsonBody.parse(body);
    String topic = json.requiredString("topic_name");
    List<Integer> partitions = json.optionalInts("partitions");
    if (partitions != null && partitions.isEmpty()) {
      throw json.invalid(
          "partitions", "must list at least one partition, or be left out for all of the topic's");
    }
    OffsetDeletion deletion = deletions.deleteOffsets(group, topic, partitions);
    return cluster.list(
        uri,
        "KafkaDeletedOffsetList",
        ConsumerGroups.path(group) + "/offsets:delete",
        deletion.deleted().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(
                deleted ->
                    new Shapes.DeletedOffset(
                        "KafkaDeletedOffset",
                        cluster.id(),
                        group,
                        deleted.getKey().topic(),
                        deleted.getKey().partition(),
                        deleted.getValue().offset()))
            .toList());
  }
}
