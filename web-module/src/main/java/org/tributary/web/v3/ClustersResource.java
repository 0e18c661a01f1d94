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

/** REST Proxy v3 clusters: this one. */
@Path("/v3/clusters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "v3 clusters")
@RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
public class ClustersResource {

  @Inject Cluster cluster;
  @Context UriInfo uri;

  @GET
  @Operation(summary = "The cluster this server is")
  public ResourceList<Shapes.Cluster> list() {
    return new ResourceList<>(
        "KafkaClusterList",
        new Shapes.ListMetadata(uri.getBaseUri() + "v3/clusters", null),
        List.of(describe()));
  }

  @GET
  @Path("/{cluster_id}")
  @Operation(summary = "Describe the cluster")
  public Shapes.Cluster get(@PathParam("cluster_id") String clusterId) {
    cluster.require(clusterId);
    return describe();
  }

  private Shapes.Cluster describe() {
    return new Shapes.Cluster(
        "KafkaCluster",
        cluster.metadata(uri, "", ""),
        cluster.id(),
        cluster.related(uri, Brokers.path()),
        cluster.related(uri, "/acls"),
        cluster.related(uri, "/brokers"),
        cluster.related(uri, "/broker-configs"),
        cluster.related(uri, "/consumer-groups"),
        cluster.related(uri, "/topics"),
        cluster.related(uri, "/topics/-/partitions/-/reassignment"));
  }
}
