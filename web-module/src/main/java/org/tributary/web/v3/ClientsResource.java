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
import org.tributary.clients.BrokerRates;
import org.tributary.clients.ClientActivity;
import org.tributary.clients.ClientView;
import org.tributary.security.Roles;
import org.tributary.web.v3.Shapes.ListMetadata;

/** Tributary extension: the producers and consumers seen recently, and the broker's rates. */
@Path("/v3/clusters/{cluster_id}/clients")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "v3 clients")
@RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
public class ClientsResource {

  @Inject Cluster cluster;
  @Inject ClientActivity clients;
  @Context UriInfo uri;

  @PathParam("cluster_id")
  String clusterId;

  @GET
  @Operation(
      summary =
          "Producers and consumers active in the last 15 minutes, most recent first, with rates"
              + " over the last minute")
  public Shapes.ClientList list() {
    cluster.require(clusterId);
    BrokerRates rates = clients.rates();
    return new Shapes.ClientList(
        "KafkaClientList",
        new ListMetadata(cluster.url(uri, "/clients"), null),
        cluster.id(),
        new Shapes.Rates(
            rates.producedRecordsPerSecond(),
            rates.producedBytesPerSecond(),
            rates.consumedRecordsPerSecond(),
            rates.consumedBytesPerSecond()),
        clients.recent().stream().map(ClientsResource::shape).toList());
  }

  private static Shapes.Client shape(ClientView client) {
    return new Shapes.Client(
        client.kind().name(),
        client.who(),
        client.principal(),
        client.clientId(),
        client.address(),
        client.group(),
        List.copyOf(client.topics()),
        client.lastActivity().toString(),
        client.recordsPerSecond(),
        client.bytesPerSecond(),
        client.totalRecords());
  }
}
