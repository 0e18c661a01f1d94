package org.tributary.web.v2;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.clients.ClientActivity;
import org.tributary.clients.ClientIdentity;
import org.tributary.consumer.ConsumedRecord;
import org.tributary.consumer.ConsumerFactory;
import org.tributary.consumer.ConsumerOptions;
import org.tributary.consumer.GroupConsumer;
import org.tributary.consumer.PollSummary;
import org.tributary.group.RangeAssignor;
import org.tributary.security.Roles;
import org.tributary.topic.TopicPartition;
import org.tributary.web.HttpClients;
import org.tributary.web.MediaTypes;
import org.tributary.web.error.RequestRefusedException;
import org.tributary.web.json.JsonBody;

/** REST Proxy v2 consumer instances: each one a member of a consumer group of the broker. */
@Path("/consumers/{group}")
@Tag(name = "v2 consumers", description = "Confluent REST Proxy v2 consumer instances")
@Consumes({MediaTypes.V2_JSON, MediaType.APPLICATION_JSON})
@RolesAllowed({Roles.CONSUMER, Roles.ADMIN})
public class ConsumersResource {

  private static final Logger LOG = Logger.getLogger(ConsumersResource.class.getName());
  private static final String INSTANCE = "/instances/{instance}";

  @Inject ConsumerFactory consumers;
  @Inject ConsumerInstances instances;
  @Inject ClientActivity clients;

  @Inject
  @ConfigProperty(name = "consumer.instance.timeout.ms", defaultValue = "300000")
  long defaultInstanceTimeoutMs;

  @Inject
  @ConfigProperty(name = "consumer.request.timeout.ms", defaultValue = "1000")
  long defaultRequestTimeoutMs;

  @Inject
  @ConfigProperty(name = "consumer.request.max.bytes", defaultValue = "67108864")
  int maxResponseBytes;

  @PathParam("group")
  String group;

  @Context UriInfo uri;
  @Context SecurityContext security;

  @POST
  @Produces({MediaTypes.V2_JSON, MediaType.APPLICATION_JSON})
  @Operation(summary = "Create a consumer instance in the group")
  public Responses.CreatedInstance create(String body) {
    CreateConsumerBody request =
        CreateConsumerBody.parse(body, defaultRequestTimeoutMs, defaultInstanceTimeoutMs);
    // Values, not templates: a group id may hold any character, '{' and '/' included.
    URI base =
        uri.getBaseUriBuilder()
            .path("consumers/{group}/instances/{name}")
            .build(new Object[] {group, request.name()}, true);
    ConsumerOptions options =
        new ConsumerOptions(
            request.name(),
            request.autoOffsetReset(),
            request.autoCommit(),
            request.fetchMinBytes(),
            request.instanceTimeout(),
            RangeAssignor.NAME);
    String owner = security.getUserPrincipal().getName();
    instances.create(
        group,
        request.name(),
        owner,
        !security.isUserInRole(Roles.ADMIN),
        () ->
            new ConsumerInstance(
                group,
                request.name(),
                owner,
                request.format(),
                request.requestTimeout(),
                request.instanceTimeout(),
                consumers.create(group, options)));
    return new Responses.CreatedInstance(request.name(), base.toString());
  }

  @DELETE
  @Path(INSTANCE)
  @Operation(summary = "Delete the consumer instance; it leaves its group")
  public Response delete(@PathParam("instance") String instance) {
    instances.delete(group, instance, InstanceCaller.of(security));
    return Response.noContent().build();
  }

  @POST
  @Path(INSTANCE + "/subscription")
  @Operation(summary = "Subscribe to a list of topics or to a topic pattern")
  public Response subscribe(@PathParam("instance") String instance, String body) {
    GroupConsumer consumer = consumer(instance);
    JsonBody request = JsonBody.parse(body);
    if (request.has("topic_pattern")) {
      if (request.has("topics")) {
        throw RequestRefusedException.invalidPayload(
            "Give either 'topics' or 'topic_pattern', not both.");
      }
      consumer.subscribe(request.requiredString("topic_pattern"));
    } else {
      consumer.subscribe(request.requiredStrings("topics"));
    }
    return Response.noContent().build();
  }

  @GET
  @Path(INSTANCE + "/subscription")
  @Produces({MediaTypes.V2_JSON, MediaType.APPLICATION_JSON})
  @Operation(summary = "The topics the instance is subscribed to")
  public Responses.Subscription subscription(@PathParam("instance") String instance) {
    return new Responses.Subscription(List.copyOf(consumer(instance).subscription()));
  }

  @DELETE
  @Path(INSTANCE + "/subscription")
  @Operation(summary = "Unsubscribe from all topics")
  public Response unsubscribe(@PathParam("instance") String instance) {
    return noContent(instance, GroupConsumer::unsubscribe);
  }

  @POST
  @Path(INSTANCE + "/assignments")
  @Operation(summary = "Assign partitions by hand")
  public Response assign(@PathParam("instance") String instance, String body) {
    return noContent(instance, consumer -> consumer.assign(ConsumerRequests.partitions(body)));
  }

  @GET
  @Path(INSTANCE + "/assignments")
  @Produces({MediaTypes.V2_JSON, MediaType.APPLICATION_JSON})
  @Operation(summary = "The partitions the instance owns now")
  public Responses.Partitions assignments(@PathParam("instance") String instance) {
    return Responses.Partitions.of(consumer(instance).assignment());
  }

  @POST
  @Path(INSTANCE + "/positions")
  @Operation(summary = "Seek partitions to offsets")
  public Response seek(@PathParam("instance") String instance, String body) {
    return noContent(instance, consumer -> consumer.seek(ConsumerRequests.positions(body)));
  }

  @POST
  @Path(INSTANCE + "/positions/beginning")
  @Operation(summary = "Seek partitions (all owned for an empty list) to their beginning")
  public Response seekToBeginning(@PathParam("instance") String instance, String body) {
    return noContent(
        instance, consumer -> consumer.seekToBeginning(ConsumerRequests.partitions(body)));
  }

  @POST
  @Path(INSTANCE + "/positions/end")
  @Operation(summary = "Seek partitions (all owned for an empty list) to their end")
  public Response seekToEnd(@PathParam("instance") String instance, String body) {
    return noContent(instance, consumer -> consumer.seekToEnd(ConsumerRequests.partitions(body)));
  }

  @POST
  @Path(INSTANCE + "/positions/timestamp")
  @Operation(summary = "Seek partitions to their first record at or after a timestamp")
  public Response seekToTimestamp(@PathParam("instance") String instance, String body) {
    return noContent(
        instance, consumer -> consumer.seekToTimestamp(ConsumerRequests.timestamps(body)));
  }

  /**
   * Long poll: answers as soon as records are there, or after the timeout with none; no thread
   * waits meanwhile.
   */
  @GET
  @Path(INSTANCE + "/records")
  @Operation(summary = "Fetch records, waiting up to the timeout for the first ones")
  public CompletionStage<Response> records(
      @PathParam("instance") String instance,
      @QueryParam("timeout") String timeout,
      @QueryParam("max_bytes") String maxBytes,
      @Context HttpHeaders headers,
      @Context HttpServletRequest request) {
    ConsumerInstance consumerInstance = instances.get(group, instance, InstanceCaller.of(security));
    ClientIdentity who = HttpClients.consumer(request, instance);
    EmbeddedFormat format = consumerInstance.format();
    AcceptedFormat.require(headers.getAcceptableMediaTypes(), format);
    long wait =
        timeout == null
            ? consumerInstance.requestTimeout().toMillis()
            : queryNumber("timeout", timeout, 0, CreateConsumerBody.MAX_REQUEST_TIMEOUT_MS);
    int budget =
        (int)
            (maxBytes == null
                ? maxResponseBytes
                : queryNumber("max_bytes", maxBytes, 1, maxResponseBytes));
    consumerInstance.pollStarted();
    GroupConsumer consumer = consumerInstance.consumer();
    try {
      // Positions count as consumed once the response has been written (RecordsOutput).
      return consumer
          .pollForDelivery(budget, Duration.ofMillis(wait))
          .whenComplete((records, error) -> consumerInstance.pollEnded())
          .thenApply(
              records -> {
                try {
                  report(who, consumer, records);
                  return Response.ok(
                          new RecordsOutput(records, format, consumer), format.mediaType())
                      .build();
                } catch (RuntimeException e) {
                  consumer.notDelivered(records);
                  throw e;
                }
              });
    } catch (RuntimeException e) {
      consumerInstance.pollEnded();
      throw e;
    }
  }

  @POST
  @Path(INSTANCE + "/offsets")
  @Operation(
      summary = "Commit the given offsets, or everything fetched so far when the body is empty")
  public Response commit(@PathParam("instance") String instance, String body) {
    GroupConsumer consumer = consumer(instance);
    JsonBody request = JsonBody.parseOrEmpty(body);
    if (request.has("offsets")) {
      consumer.commit(ConsumerRequests.commits(request));
    } else {
      consumer.commit();
    }
    return Response.ok().build();
  }

  @GET
  @Path(INSTANCE + "/offsets")
  @Produces({MediaTypes.V2_JSON, MediaType.APPLICATION_JSON})
  @Operation(summary = "The group's committed offsets of the given partitions")
  public Responses.CommittedOffsets committed(@PathParam("instance") String instance, String body) {
    GroupConsumer consumer = consumer(instance);
    List<TopicPartition> partitions = ConsumerRequests.partitions(body);
    return Responses.CommittedOffsets.of(
        consumer.committed(partitions.isEmpty() ? consumer.assignment() : partitions));
  }

  /** An empty poll counts too: the instance is active. */
  private void report(ClientIdentity who, GroupConsumer consumer, List<ConsumedRecord> records) {
    PollSummary poll = PollSummary.of(consumer, records);
    clients.consumed(who, poll.group(), poll.topics(), poll.records(), poll.bytes());
  }

  private GroupConsumer consumer(String instance) {
    return instances.get(group, instance, InstanceCaller.of(security)).consumer();
  }

  /** Applies a change to the instance's consumer; REST Proxy answers those with 204. */
  private Response noContent(String instance, java.util.function.Consumer<GroupConsumer> change) {
    change.accept(consumer(instance));
    return Response.noContent().build();
  }

  private static long queryNumber(String name, String value, long min, long max) {
    return CreateConsumerBody.within(value, min, max)
        .orElseThrow(
            () ->
                RequestRefusedException.invalidPayload(
                    "Query parameter '"
                        + name
                        + "' "
                        + CreateConsumerBody.rangeProblem(value, min, max)));
  }
}
