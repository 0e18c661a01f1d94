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
import java.util.stream.IntStream;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.security.Roles;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicMetadata;
import org.tributary.web.MediaTypes;

/** REST Proxy v2 topics: list, describe, and produce to a topic. */
@Path("/topics")
@Produces({MediaTypes.V2_JSON, MediaType.APPLICATION_JSON})
@Tag(name = "v2 topics", description = "Confluent REST Proxy v2 topics, partitions and produce")
@RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
public class TopicsResource {

  @Inject TopicCatalog topics;
  @Inject Produce produce;

  @GET
  public List<String> list() {
    return topics.list().stream().map(TopicMetadata::name).toList();
  }

  @GET
  @Path("/{topic}")
  public Responses.Topic describe(@PathParam("topic") String name) {
    TopicMetadata topic = topics.get(name);
    return new Responses.Topic(
        topic.name(),
        topic.config().effective(),
        IntStream.range(0, topic.partitions()).mapToObj(Responses.Partition::of).toList());
  }

  /** Appends the records; the response comes once all of them are durable. */
  @RolesAllowed({Roles.PRODUCER, Roles.ADMIN})
  @POST
  @Path("/{topic}")
  @Consumes({MediaTypes.BINARY_V2_JSON, MediaTypes.JSON_V2_JSON})
  public CompletionStage<Responses.Produced> produce(
      @PathParam("topic") String topic,
      @Context HttpHeaders headers,
      @Context HttpServletRequest request,
      String body) {
    return produce.append(topic, null, headers, request, body);
  }
}
