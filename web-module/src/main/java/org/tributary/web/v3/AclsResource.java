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
import org.tributary.security.Roles;
import org.tributary.web.v3.Shapes.ResourceList;

/**
 * REST Proxy v3 ACLs: none. Tributary authorizes by its users' roles (admin, producer, consumer,
 * viewer), not by Kafka ACLs, so the search the cluster links to finds nothing.
 */
@Path("/v3/clusters/{cluster_id}/acls")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "v3 clusters")
@RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
public class AclsResource {

  @Inject Cluster cluster;
  @Context UriInfo uri;

  @GET
  @Operation(summary = "ACLs: none; Tributary authorizes by roles (see /v3/clusters/{c}/users)")
  public ResourceList<Object> search(@PathParam("cluster_id") String clusterId) {
    cluster.require(clusterId);
    return cluster.list(uri, "KafkaAclList", "/acls", List.of());
  }
}
