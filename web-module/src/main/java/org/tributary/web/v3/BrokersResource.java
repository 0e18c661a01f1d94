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

/** REST Proxy v3 brokers: this server, the one broker of its cluster. */
@Path("/v3/clusters/{cluster_id}/brokers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "v3 brokers")
@RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
public class BrokersResource {

  @Inject Cluster cluster;
  @Inject Brokers brokers;
  @Context UriInfo uri;

  @PathParam("cluster_id")
  String clusterId;

  @GET
  @Operation(summary = "The cluster's brokers: this server")
  public ResourceList<Shapes.Broker> list() {
    cluster.require(clusterId);
    return cluster.list(uri, "KafkaBrokerList", "/brokers", List.of(brokers.broker(uri)));
  }

  @GET
  @Path("/{broker_id}")
  @Operation(summary = "Describe the broker")
  public Shapes.Broker get(@PathParam("broker_id") String brokerId) {
    cluster.require(clusterId);
    Brokers.require(brokerId);
    return brokers.broker(uri);
  }
}
