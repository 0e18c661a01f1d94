package org.tributary.web.v3;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.security.Roles;
import org.tributary.web.v3.Shapes.ResourceList;

/**
 * REST Proxy v3 cluster-wide broker configs ({@code broker-configs}): with one broker, its configs;
 * read-only, as the server's settings are.
 */
@Path("/v3/clusters/{cluster_id}/broker-configs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "v3 brokers")
@RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
public class ClusterConfigsResource {

  @Inject Cluster cluster;
  @Inject Brokers brokers;
  @Context UriInfo uri;

  @PathParam("cluster_id")
  String clusterId;

  @GET
  @Operation(summary = "The cluster's broker configs, all read-only")
  public ResourceList<Shapes.BrokerConfig> list() {
    cluster.require(clusterId);
    return cluster.list(
        uri, "KafkaClusterConfigList", "/broker-configs", brokers.configs(uri, false));
  }

  @GET
  @Path("/{name}")
  @Operation(summary = "One cluster-wide broker config")
  public Shapes.BrokerConfig get(@PathParam("name") String name) {
    cluster.require(clusterId);
    return brokers.config(uri, name, false);
  }

  @RolesAllowed(Roles.ADMIN)
  @PUT
  @Path("/{name}")
  @Operation(summary = "Refused: broker configs are read-only (405)")
  public void update(@PathParam("name") String name) {
    cluster.require(clusterId);
    throw brokers.readOnly(name);
  }

  @RolesAllowed(Roles.ADMIN)
  @DELETE
  @Path("/{name}")
  @Operation(summary = "Refused: broker configs are read-only (405)")
  public void reset(@PathParam("name") String name) {
    cluster.require(clusterId);
    throw brokers.readOnly(name);
  }
}
