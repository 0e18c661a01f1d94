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
import java.util.Comparator;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.group.GroupDescription;
import org.tributary.group.MemberDescription;
import org.tributary.group.PartitionLag;
import org.tributary.security.Roles;

/** REST Proxy v3 consumer group lag summary: the group's total and largest lag. */
@Path("/v3/clusters/{cluster_id}/consumer-groups/{group}/lag-summary")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "v3 consumer groups")
@RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
public class ConsumerGroupLagSummariesResource {

  @Inject Cluster cluster;
  @Inject ConsumerGroups groups;
  @Context UriInfo uri;

  @PathParam("cluster_id")
  String clusterId;

  @GET
  @Operation(summary = "The group's total and largest lag")
  public Shapes.LagSummary lagSummary(@PathParam("group") String group) {
    GroupDescription description = groups.describe(clusterId, group);
    Optional<PartitionLag> max =
        description.partitions().stream().max(Comparator.comparingLong(PartitionLag::lag));
    Optional<MemberDescription> owner = max.flatMap(lag -> ConsumerGroups.owner(description, lag));
    String path = ConsumerGroups.path(group);
    return new Shapes.LagSummary(
        "KafkaConsumerGroupLagSummary",
        cluster.metadata(uri, path + "/lag-summary", "consumer-group=" + group),
        cluster.id(),
        group,
        owner.map(MemberDescription::memberId).orElse(null),
        null,
        owner.map(MemberDescription::clientId).orElse(null),
        max.map(PartitionLag::topic).orElse(null),
        max.map(PartitionLag::partition).orElse(null),
        max.map(PartitionLag::lag).orElse(0L),
        description.totalLag(),
        owner.map(m -> cluster.related(uri, path + "/consumers/" + m.memberId())).orElse(null),
        max.map(
                lag ->
                    cluster.related(
                        uri, "/topics/" + lag.topic() + "/partitions/" + lag.partition()))
            .orElse(null));
  }
}
