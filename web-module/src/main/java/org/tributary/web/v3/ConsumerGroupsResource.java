package org.tributary.web.v3;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.group.GroupCoordinator;
import org.tributary.group.GroupDeletions;
import org.tributary.group.GroupDescription;
import org.tributary.security.Roles;
import org.tributary.web.v3.Shapes.ResourceList;

/** REST Proxy v3 consumer groups: their list, each group's state, and deleting a group. */
@Path("/v3/clusters/{cluster_id}/consumer-groups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "v3 consumer groups")
@RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
public class ConsumerGroupsResource {

  @Inject Cluster cluster;
  @Inject ConsumerGroups groups;
  @Inject GroupCoordinator coordinator;
  @Inject GroupDeletions deletions;
  @Context UriInfo uri;

  @PathParam("cluster_id")
  String clusterId;

  @GET
  @Operation(summary = "List consumer groups")
  public ResourceList<Shapes.ConsumerGroup> list() {
    cluster.require(clusterId);
    return cluster.list(
        uri,
        "KafkaConsumerGroupList",
        "/consumer-groups",
        coordinator.describeAll().stream().map(this::shape).toList());
  }

  @GET
  @Path("/{group}")
  @Operation(summary = "Describe a consumer group")
  public Shapes.ConsumerGroup get(@PathParam("group") String group) {
    return shape(groups.describe(clusterId, group));
  }

  @DELETE
  @Path("/{group}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Delete a consumer group and its committed offsets",
      description =
          "Kafka's DeleteGroups: refused with 409 (40904) while the group has active members.")
  public Response delete(@PathParam("group") String group) {
    cluster.require(clusterId);
    deletions.deleteGroup(group);
    return Response.noContent().build();
  }

  private Shapes.ConsumerGroup shape(GroupDescription group) {
    String path = ConsumerGroups.path(group.groupId());
    return new Shapes.ConsumerGroup(
        "KafkaConsumerGroup",
        cluster.metadata(uri, path, "consumer-group=" + group.groupId()),
        cluster.id(),
        group.groupId(),
        group.generation() == 0,
        group.assignor(),
        group.state().name(),
        cluster.related(uri, "/brokers/0"),
        cluster.related(uri, path + "/consumers"),
        cluster.related(uri, path + "/lag-summary"));
  }
}
