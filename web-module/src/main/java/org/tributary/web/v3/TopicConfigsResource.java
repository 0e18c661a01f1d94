package org.tributary.web.v3;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.security.Roles;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicConfigKey;
import org.tributary.topic.TopicMetadata;
import org.tributary.web.error.RequestRefusedException;
import org.tributary.web.json.JsonBody;
import org.tributary.web.v3.Shapes.ResourceList;

/** REST Proxy v3 topic configs: list, get, set one, reset one to default, alter a batch. */
// ":alter" is part of the class's path: a class at .../{topic_name} would shadow the topic itself.
@Path("/v3/clusters/{cluster_id}/topics/{topic_name}/configs{alter: (:alter)?}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "v3 topic configs")
@RolesAllowed(Roles.ADMIN)
public class TopicConfigsResource {

  @Inject Cluster cluster;
  @Inject TopicCatalog topics;
  @Inject TopicConfigs configs;
  @Context UriInfo uri;
  @Context Request method;

  @PathParam("cluster_id")
  String clusterId;

  @PathParam("topic_name")
  String topicName;

  @PathParam("alter")
  String alter;

  @RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
  @GET
  @Operation(summary = "Every config of the topic, with its value in force")
  public ResourceList<Shapes.TopicConfig> list() {
    TopicMetadata topic = topic();
    return cluster.list(
        uri,
        "KafkaTopicConfigList",
        "/topics/" + topic.name() + "/configs",
        configs.all(uri, topic));
  }

  @RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
  @GET
  @Path("/{name}")
  @Operation(summary = "One config of the topic")
  public Shapes.TopicConfig get(@PathParam("name") String name) {
    TopicMetadata topic = topic();
    return configs.shape(uri, topic, key(topic, name));
  }

  @PUT
  @Path("/{name}")
  @Operation(summary = "Set one config")
  public Response update(@PathParam("name") String name, String body) {
    TopicMetadata topic = topic();
    TopicConfigKey key = key(topic, name);
    String value = JsonBody.parse(body).requiredString("value");
    topics.alterConfig(topic.name(), Map.of(key.key(), value), List.of());
    return Response.noContent().build();
  }

  @DELETE
  @Path("/{name}")
  @Operation(summary = "Reset one config to its default")
  public Response reset(@PathParam("name") String name) {
    TopicMetadata topic = topic();
    topics.alterConfig(topic.name(), Map.of(), List.of(key(topic, name).key()));
    return Response.noContent().build();
  }

  /** {@code {"data": [{"name", "value"}, {"name", "operation": "DELETE"}]}}, all or nothing. */
  @POST
  @Operation(summary = "configs:alter: set and reset several configs at once, all or nothing")
  public Response alter(String body) {
    if (alter.isEmpty()) {
      throw new NotAllowedException(
          "Use POST .../configs:alter to change configs.", "GET", new String[0]);
    }
    TopicMetadata topic = topic();
    Map<String, String> set = new LinkedHashMap<>();
    List<String> reset = new ArrayList<>();
    for (JsonBody entry : JsonBody.parse(body).requiredObjects("data")) {
      String name = entry.requiredString("name");
      String operation = entry.optionalString("operation");
      if (operation == null || operation.toUpperCase(Locale.ROOT).equals("SET")) {
        set.put(name, entry.requiredString("value"));
      } else if (operation.toUpperCase(Locale.ROOT).equals("DELETE")) {
        reset.add(name);
      } else {
        throw entry.invalid("operation", "must be SET or DELETE, was '" + operation + "'");
      }
    }
    topics.alterConfig(topic.name(), set, reset);
    return Response.noContent().build();
  }

  private TopicMetadata topic() {
    if (!alter.isEmpty() && !"POST".equals(method.getMethod())) {
      throw new NotAllowedException("configs:alter takes POST only.", "POST", new String[0]);
    }
    cluster.require(clusterId);
    return topics.get(topicName);
  }

  private static TopicConfigKey key(TopicMetadata topic, String name) {
    return TopicConfigKey.byName(name)
        .orElseThrow(() -> RequestRefusedException.configNotFound(topic.name(), name));
  }
}
