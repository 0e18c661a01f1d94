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
import org.tributary.group.GroupDescription;
import org.tributary.group.MemberDescription;
import org.tributary.security.Roles;
import org.tributary.web.v3.Shapes.ResourceList;

/** REST Proxy v3 consumers: the members of a consumer group. */
@Path("/v3/clusters/{cluster_id}/consumer-groups/{group}/consumers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "v3 consumer groups")
@RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
public class ConsumersResource {

  @Inject Cluster cluster;
  @Inject ConsumerGroups groups;
  @Context UriInfo uri;

  @PathParam("cluster_id")
  String clusterId;

  @GET
  @Operation(summary = "The group's members")
  public ResourceList<Shapes.Consumer> consumers(@PathParam("group") String group) {
    GroupDescription description = groups.describe(clusterId, group);
    return cluster.list(
        uri,
        "KafkaConsumerList",
        ConsumerGroups.path(group) + "/consumers",
        description.members().stream().map(member -> consumer(group, member)).toList());
  }

  @GET
  @Path("/{consumer}")
  @Operation(summary = "One member of the group")
  public Shapes.Consumer consumer(
      @PathParam("group") String group, @PathParam("consumer") String consumerId) {
    return consumer(group, ConsumerGroups.member(groups.describe(clusterId, group), consumerId));
  }

  private Shapes.Consumer consumer(String group, MemberDescription member) {
    String path = ConsumerGroups.path(group) + "/consumers/" + member.memberId();
    return new Shapes.Consumer(
        "KafkaConsumer",
        cluster.metadata(uri, path, "consumer-group=" + group + "/consumer=" + member.memberId()),
        cluster.id(),
        group,
        member.memberId(),
        member.groupInstanceId(),
        member.clientId(),
        cluster.related(uri, path + "/assignments"));
  }
}
