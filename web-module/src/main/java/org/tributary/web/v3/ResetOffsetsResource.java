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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.group.OffsetResets;
import org.tributary.security.Roles;
import org.tributary.web.HttpClients;

/**
 * Tributary's offset reset of a consumer group (Kafka's {@code kafka-consumer-groups.sh
 * --reset-offsets}; REST Proxy has none): execute one, or with {@code dry_run} show its plan. See
 * docs/http-api.md.
 */
@Path("/v3/clusters/{cluster_id}/consumer-groups/{group}/offsets:reset")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "v3 consumer groups")
@RolesAllowed(Roles.ADMIN)
public class ResetOffsetsResource {

  @Inject Cluster cluster;
  @Inject ConsumerGroups groups;
  @Inject OffsetResets resets;
  @Context UriInfo uri;

  @PathParam("cluster_id")
  String clusterId;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Reset the group's committed offsets, or with dry_run show the plan",
      description =
          "Strategies to-earliest, to-latest, to-offset, to-datetime, by-duration, shift-by;"
              + " refused while the group has active members.")
  public Shapes.OffsetReset reset(
      @PathParam("group") String group, String body, @Context HttpServletRequest request) {
    cluster.require(clusterId);
    OffsetResetBody reset = OffsetResetBody.parse(body);
    return groups.offsetReset(
        uri, resets.resetOffsets(group, reset.request(), reset.dryRun(), HttpClients.who(request)));
  }
}
