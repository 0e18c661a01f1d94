package org.tributary.web.v2;

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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.log.PartitionLogs;
import org.tributary.log.PartitionOffsets;
import org.tributary.security.Roles;
import org.tributary.web.MediaTypes;

/** REST Proxy v2 partitions: list, describe, offsets, and produce to one partition. */
@Path("/topics/{topic}/partitions")
@Produces({MediaTypes.V2_JSON, MediaType.APPLICATION_JSON})
@Tag(name = "v2 partitions", description = "Confluent REST Proxy v2 topics, partitions and produce")
@RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
public class PartitionsResource {

  @Inject PartitionLogs logs;
  @Inject Produce produce;

  @GET
  public List<Responses.Partition> list(@PathParam("topic") String topic) {
    return logs.offsets(topic).stream().map(p -> Responses.Partition.of(p.partition())).toList();
  }

  @GET
  @Path("/{partition}")
  public Responses.Partition describe(
      @PathParam("topic") String topic, @PathParam("partition") int partition) {
    return Responses.Partition.of(logs.offsets(topic, partition).partition());
  }

  @GET
  @Path("/{partition}/offsets")
  public Responses.Offsets offsets(
      @PathParam("topic") String topic, @PathParam("partition") int partition) {
    PartitionOffsets offsets = logs.offsets(topic, partition);
    return new Responses.Offsets(offsets.logStartOffset(), offsets.lastStableOffset());
  }

  @RolesAllowed({Roles.PRODUCER, Roles.ADMIN})
  @POST
  @Path("/{partition}")
  @Consumes({MediaTypes.BINARY_V2_JSON, MediaTypes.JSON_V2_JSON})
  public CompletionStage<Responses.Produced> produce(
      @PathParam("topic") String topic,
      @PathParam("partition") int partition,
      @Context HttpHeaders headers,
      @Context HttpServletRequest request,
      String body) {
    return produce.append(topic, partition, headers, request, body);
  }
}
