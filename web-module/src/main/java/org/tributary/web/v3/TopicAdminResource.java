package org.tributary.web.v3;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.security.Roles;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicMetadata;
import org.tributary.web.json.JsonBody;
import org.tributary.web.v3.Shapes.ResourceList;

/**
 * REST Proxy v3 topics: list, create, describe, grow, delete. Each topic carries Tributary's {@code
 * log} extension: stored offsets and sizes, and the last cleaning runs.
 */
@Path("/v3/clusters/{cluster_id}/topics")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "v3 topics")
@RolesAllowed(Roles.ADMIN)
public class TopicAdminResource {

  @Inject Cluster cluster;
  @Inject TopicCatalog topics;
  @Inject TopicLogs logs;
  @Context UriInfo uri;

  @PathParam("cluster_id")
  String clusterId;

  @RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
  @GET
  @Operation(summary = "List topics")
  public ResourceList<Shapes.Topic> list() {
    cluster.require(clusterId);
    return cluster.list(
        uri,
        "KafkaTopicList",
        "/topics",
        topics.list().stream().map(this::shapeUnlessDeleted).flatMap(Optional::stream).toList());
  }

  @POST
  @Operation(summary = "Create a topic with partitions_count and configs")
  public Response create(String body) {
    cluster.require(clusterId);
    JsonBody request = JsonBody.parse(body);
    String name = request.requiredString("topic_name");
    Integer partitions = request.optionalInt("partitions_count");
    Integer replicationFactor = request.optionalInt("replication_factor");
    if (replicationFactor != null && replicationFactor != 1 && replicationFactor != -1) {
      throw request.invalid("replication_factor", "must be 1: this cluster has one broker");
    }
    Map<String, String> configs = new LinkedHashMap<>();
    if (request.has("configs")) {
      for (JsonBody config : request.requiredObjects("configs")) {
        configs.put(config.requiredString("name"), config.requiredString("value"));
      }
    }
    int count = partitions == null ? topics.defaultPartitions() : partitions;
    if (Boolean.TRUE.equals(request.optionalBoolean("validate_only"))) {
      // kafka-rest's dry run: checked as a create is, nothing created, 200 instead of 201
      topics.validateCreate(name, count, configs);
      return Response.ok(shape(name, count, null)).build();
    }
    Shapes.Topic shape = shape(topics.create(name, count, configs));
    return Response.created(URI.create(shape.metadata().self())).entity(shape).build();
  }

  @RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
  @GET
  @Path("/{topic_name}")
  @Operation(summary = "Describe a topic")
  public Shapes.Topic get(@PathParam("topic_name") String name) {
    cluster.require(clusterId);
    return shape(topics.get(name));
  }

  /** Tributary's way to add partitions (REST Proxy v3 has none); the count only grows. */
  @PATCH
  @Path("/{topic_name}")
  @Operation(summary = "Grow the topic to partitions_count partitions")
  public Shapes.Topic update(@PathParam("topic_name") String name, String body) {
    cluster.require(clusterId);
    int partitions = JsonBody.parse(body).requiredInt("partitions_count");
    return shape(topics.addPartitions(name, partitions));
  }

  @DELETE
  @Path("/{topic_name}")
  @Operation(summary = "Delete a topic with its records and committed offsets")
  public Response delete(@PathParam("topic_name") String name) {
    cluster.require(clusterId);
    topics.delete(name);
    return Response.noContent().build();
  }

  private Shapes.Topic shape(TopicMetadata topic) {
    return shape(topic.name(), topic.partitions(), logs.describe(topic.name()));
  }

  /** A topic; {@code log} is null for one not created (a dry run). */
  private Shapes.Topic shape(String name, int partitions, Shapes.TopicLog log) {
    String path = "/topics/" + name;
    return new Shapes.Topic(
        "KafkaTopic",
        cluster.metadata(uri, path, "topic=" + name),
        cluster.id(),
        name,
        false,
        1,
        partitions,
        cluster.related(uri, path + "/partitions"),
        cluster.related(uri, path + "/configs"),
        cluster.related(uri, path + "/partitions/-/reassignment"),
        List.of(),
        log);
  }

  /** A topic of the list, unless it was deleted since the list was read. */
  private Optional<Shapes.Topic> shapeUnlessDeleted(TopicMetadata topic) {
    try {
      return Optional.of(shape(topic));
    } catch (TributaryException e) {
      if (e.code() == ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
