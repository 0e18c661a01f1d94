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
 * REST Proxy v3 broker configs: the server's settings under Kafka's names, read-only ({@code -} as
 * the broker id lists every broker's, as kafka-rest's {@code brokers/-/configs}).
 */
@Path("/v3/clusters/{cluster_id}/brokers/{broker_id}/configs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "v3 brokers")
@RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
public class BrokerConfigsResource {

  @Inject Cluster cluster;
  @Inject Brokers brokers;
  @Context UriInfo uri;

  @PathParam("cluster_id")
  String clusterId;

  @PathParam("broker_id")
  String brokerId;

  @GET
  @Operation(summary = "The broker's configs, all read-only")
  public ResourceList<Shapes.BrokerConfig> list() {
    cluster.require(clusterId);
    if (!brokerId.equals("-")) {
      Brokers.require(brokerId);
    }
    return cluster.list(
        uri,
        "KafkaBrokerConfigList",
        "/brokers/" + brokerId + "/configs",
        brokers.configs(uri, true));
  }

  @GET
  @Path("/{name}")
  @Operation(summary = "One config of the broker")
  public Shapes.BrokerConfig get(@PathParam("name") String name) {
    requireBroker();
    return brokers.config(uri, name, true);
  }

  @RolesAllowed(Roles.ADMIN)
  @PUT
  @Path("/{name}")
  @Operation(summary = "Refused: broker configs are read-only (405)")
  public void update(@PathParam("name") String name) {
    requireBroker();
    throw brokers.readOnly(name);
  }

  @RolesAllowed(Roles.ADMIN)
  @DELETE
  @Path("/{name}")
  @Operation(summary = "Refused: broker configs are read-only (405)")
  public void reset(@PathParam("name") String name) {
    requireBroker();
    throw brokers.readOnly(name);
  }

  private void requireBroker() {
    cluster.require(clusterId);
    Brokers.require(brokerId);
  }
}
