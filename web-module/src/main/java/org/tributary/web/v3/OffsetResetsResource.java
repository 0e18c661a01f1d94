package org.tributary.web.v3;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.group.OffsetResets;
import org.tributary.security.Roles;
import org.tributary.web.HttpClients;
import org.tributary.web.json.JsonBody;
import org.tributary.web.v3.Shapes.ResourceList;

/**
 * The executed offset resets of a consumer group (Tributary's; REST Proxy has none): their list,
 * and the undo of one. See docs/http-api.md.
 */
@Path("/v3/clusters/{cluster_id}/consumer-groups/{group}/offset-resets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "v3 consumer groups")
@RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
public class OffsetResetsResource {

  private static final int MAX_RESETS_LISTED = 1000;

  @Inject Cluster cluster;
  @Inject ConsumerGroups groups;
  @Inject OffsetResets resets;
  @Context UriInfo uri;

  @PathParam("cluster_id")
  String clusterId;

  @RolesAllowed(Roles.ADMIN)
  @POST
  @Path("/{reset}:undo")
  @Consumes(MediaType.APPLICATION_JSON) // a cross-site form cannot send it
  @Operation(
      summary = "Undo an executed reset: its partitions go back to their offsets before it",
      description =
          "Body {\"dry_run\": true} shows the plan; a partition without a committed offset before"
              + " the reset loses its commit. Refused while the group has active members.")
  public Shapes.OffsetReset undo(
      @PathParam("group") String group,
      @PathParam("reset") long resetId,
      String body,
      @Context HttpServletRequest request) {
    cluster.require(clusterId);
    Boolean dryRun = JsonBody.parseOrEmpty(body).optionalBoolean("dry_run");
    return groups.offsetReset(
        uri,
        resets.undoOffsetReset(group, resetId, dryRun != null && dryRun, HttpClients.who(request)));
  }

  @GET
  @Path("/{reset}")
  @Operation(summary = "One executed offset reset of the group")
  public Shapes.OffsetReset reset(
      @PathParam("group") String group, @PathParam("reset") long resetId) {
    cluster.require(clusterId);
    return groups.offsetReset(uri, resets.offsetReset(group, resetId));
  }

  @GET
  @Operation(summary = "The executed offset resets of the group, newest first")
  public ResourceList<Shapes.OffsetReset> resets(@PathParam("group") String group) {
    cluster.require(clusterId);
    return cluster.list(
        uri,
        "KafkaConsumerGroupOffsetResetList",
        ConsumerGroups.path(group) + "/offset-resets",
        resets.offsetResets(group, MAX_RESETS_LISTED).stream()
            .map(reset -> groups.offsetReset(uri, reset))
            .toList());
  }
}
