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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.security.Roles;
import org.tributary.topic.TopicCatalog;
import org.tributary.web.v3.Shapes.ResourceList;

/** REST Proxy v3 {@code topics/-/configs}: every topic's configs in one list, by topic. */
@Path("/v3/clusters/{cluster_id}/topics/-/configs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "v3 topic configs")
@RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
public class AllTopicsConfigsResource {

  @Inject Cluster cluster;
  @Inject TopicCatalog topics;
  @Inject TopicConfigs configs;
  @Context UriInfo uri;

  @GET
  @Operation(summary = "The configs of every topic")
  public ResourceList<Shapes.TopicConfig> list(@PathParam("cluster_id") String clusterId) {
    cluster.require(clusterId);
    return cluster.list(
        uri,
        "KafkaTopicConfigList",
        "/topics/-/configs",
        topics.list().stream().flatMap(topic -> configs.all(uri, topic).stream()).toList());
  }
}
