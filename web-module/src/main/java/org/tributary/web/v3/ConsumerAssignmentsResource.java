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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.group.MemberDescription;
import org.tributary.security.Roles;
import org.tributary.topic.TopicPartition;
import org.tributary.web.v3.Shapes.ResourceList;

/** REST Proxy v3 consumer assignments: the partitions assigned to one member of a group. */
@Path("/v3/clusters/{cluster_id}/consumer-groups/{group}/consumers/{consumer}/assignments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "v3 consumer groups")
@RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
public class ConsumerAssignmentsResource {

  @Inject Cluster cluster;
  @Inject ConsumerGroups groups;
  @Context UriInfo uri;

  @PathParam("cluster_id")
  String clusterId;

  @GET
  @Operation(summary = "The partitions assigned to one member")
  public ResourceList<Shapes.ConsumerAssignment> assignments(
      @PathParam("group") String group, @PathParam("consumer") String consumerId) {
    MemberDescription member = ConsumerGroups.member(groups.describe(clusterId, group), consumerId);
    String path = ConsumerGroups.path(group) + "/consumers/" + consumerId + "/assignments";
    return cluster.list(
        uri,
        "KafkaConsumerAssignmentList",
        path,
        member.assignment().stream()
            .map(partition -> assignment(group, consumerId, path, partition))
            .toList());
  }

  @GET
  @Path("/{topic_name}/partitions/{partition_id}")
  @Operation(summary = "One partition assigned to the member")
  public Shapes.ConsumerAssignment assignment(
      @PathParam("group") String group,
      @PathParam("consumer") String consumerId,
      @PathParam("topic_name") String topic,
      @PathParam("partition_id") int partition) {
    MemberDescription member = ConsumerGroups.member(groups.describe(clusterId, group), consumerId);
    TopicPartition assigned = new TopicPartition(topic, partition);
    if (!member.assignment().contains(assigned)) {
      throw new NotFoundException(
          "Consumer '"
              + consumerId
              + "' of group '"
              + group
              + "' is not assigned "
              + topic
              + "-"
              + partition
              + ".");
    }
    return assignment(
        group,
        consumerId,
        ConsumerGroups.path(group) + "/consumers/" + consumerId + "/assignments",
        assigned);
  }

  private Shapes.ConsumerAssignment assignment(
      String group, String consumerId, String path, TopicPartition partition) {
    String partitionPath = "/partitions/" + partition.partition();
    return new Shapes.ConsumerAssignment(
        "KafkaConsumerAssignment",
        cluster.metadata(
            uri,
            path + "/" + partition.topic() + partitionPath,
            "consumer-group=" + group + "/consumer=" + consumerId),
        cluster.id(),
        group,
        consumerId,
        partition.topic(),
        partition.partition(),
        cluster.related(uri, "/topics/" + partition.topic() + partitionPath),
        cluster.related(
            uri, ConsumerGroups.path(group) + "/lags/" + partition.topic() + partitionPath));
  }
}
