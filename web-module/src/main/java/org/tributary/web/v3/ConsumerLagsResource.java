package org.tributary.web.v3;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.group.GroupDescription;
import org.tributary.group.MemberDescription;
import org.tributary.group.PartitionLag;
import org.tributary.security.Roles;
import org.tributary.web.v3.Shapes.ResourceList;

/** REST Proxy v3 consumer lags: per partition, the group's committed offset and its distance. */
@Path("/v3/clusters/{cluster_id}/consumer-groups/{group}/lags")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "v3 consumer groups")
@RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
public class ConsumerLagsResource {

  @Inject Cluster cluster;
  @Inject ConsumerGroups groups;
  @Context UriInfo uri;

  @PathParam("cluster_id")
  String clusterId;

  @GET
  @Operation(summary = "Committed offset, log end offset and lag of every partition")
  public ResourceList<Shapes.ConsumerLag> lags(@PathParam("group") String group) {
    GroupDescription description = groups.describe(clusterId, group);
    return cluster.list(
        uri,
        "KafkaConsumerLagList",
        ConsumerGroups.path(group) + "/lags",
        description.partitions().stream().map(lag -> lag(description, lag)).toList());
  }

  @GET
  @Path("/{topic_name}/partitions/{partition_id}")
  @Operation(summary = "Committed offset, log end offset and lag of one partition")
  public Shapes.ConsumerLag lag(
      @PathParam("group") String group,
      @PathParam("topic_name") String topic,
      @PathParam("partition_id") int partition) {
    GroupDescription description = groups.describe(clusterId, group);
    return description.partitions().stream()
        .filter(lag -> lag.topic().equals(topic) && lag.partition() == partition)
        .findFirst()
        .map(lag -> lag(description, lag))
        .orElseThrow(
            () ->
                new NotFoundException(
                    "Group '"
                        + group
                        + "' has no lag for "
                        + topic
                        + "-"
                        + partition
                        + ": it neither committed an offset there nor has it assigned."));
  }

  private Shapes.ConsumerLag lag(GroupDescription group, PartitionLag lag) {
    Optional<MemberDescription> owner = ConsumerGroups.owner(group, lag);
    return new Shapes.ConsumerLag(
        "KafkaConsumerLag",
        cluster.metadata(
            uri,
            ConsumerGroups.path(group.groupId())
                + "/lags/"
                + lag.topic()
                + "/partitions/"
                + lag.partition(),
            "consumer-group="
                + group.groupId()
                + "/lag=topic="
                + lag.topic()
                + "/partition="
                + lag.partition()),
        cluster.id(),
        group.groupId(),
        lag.topic(),
        lag.partition(),
        lag.committedOffset(),
        lag.logEndOffset(),
        lag.lag(),
        owner.map(MemberDescription::memberId).orElse(null),
        null,
        owner.map(MemberDescription::clientId).orElse(null));
  }
}
