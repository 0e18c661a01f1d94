package org.tributary.web.v3;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.group.GroupCoordinator;
import org.tributary.group.GroupDescription;
import org.tributary.group.GroupState;
import org.tributary.group.MemberDescription;
import org.tributary.group.OffsetReset;
import org.tributary.group.OffsetResets;
import org.tributary.group.PartitionLag;
import org.tributary.security.Roles;
import org.tributary.topic.TopicPartition;
import org.tributary.web.HttpClients;
import org.tributary.web.error.RequestRefusedException;
import org.tributary.web.json.JsonBody;
import org.tributary.web.v3.Shapes.ResourceList;

/** REST Proxy v3 consumer groups: state, consumers and their assignments, lags, offset resets. */
@Path("/v3/clusters/{cluster_id}/consumer-groups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "v3 consumer groups")
@RolesAllowed({Roles.ADMIN, Roles.PRODUCER, Roles.CONSUMER, Roles.VIEWER})
public class ConsumerGroupsResource {

  private static final int MAX_RESETS_LISTED = 1000;

  @Inject Cluster cluster;
  @Inject GroupCoordinator coordinator;
  @Inject OffsetResets resets;
  @Context UriInfo uri;

  @PathParam("cluster_id")
  String clusterId;

  @GET
  @Operation(summary = "List consumer groups")
  public ResourceList<Shapes.ConsumerGroup> list() {
    cluster.require(clusterId);
    return cluster.list(
        uri,
        "KafkaConsumerGroupList",
        "/consumer-groups",
        coordinator.describeAll().stream().map(this::shape).toList());
  }

  @GET
  @Path("/{group}")
  @Operation(summary = "Describe a consumer group")
  public Shapes.ConsumerGroup get(@PathParam("group") String group) {
    return shape(describe(group));
  }

  @GET
  @Path("/{group}/consumers")
  @Operation(summary = "The group's members")
  public ResourceList<Shapes.Consumer> consumers(@PathParam("group") String group) {
    GroupDescription description = describe(group);
    return cluster.list(
        uri,
        "KafkaConsumerList",
        groupPath(group) + "/consumers",
        description.members().stream().map(member -> consumer(group, member)).toList());
  }

  @GET
  @Path("/{group}/consumers/{consumer}")
  @Operation(summary = "One member of the group")
  public Shapes.Consumer consumer(
      @PathParam("group") String group, @PathParam("consumer") String consumerId) {
    return consumer(group, member(describe(group), consumerId));
  }

  @GET
  @Path("/{group}/consumers/{consumer}/assignments")
  @Operation(summary = "The partitions assigned to one member")
  public ResourceList<Shapes.ConsumerAssignment> assignments(
      @PathParam("group") String group, @PathParam("consumer") String consumerId) {
    MemberDescription member = member(describe(group), consumerId);
    String path = groupPath(group) + "/consumers/" + consumerId + "/assignments";
    return cluster.list(
        uri,
        "KafkaConsumerAssignmentList",
        path,
        member.assignment().stream()
            .map(
                partition ->
                    new Shapes.ConsumerAssignment(
                        "KafkaConsumerAssignment",
                        cluster.metadata(
                            uri,
                            path + "/" + partition.topic() + "/partitions/" + partition.partition(),
                            "consumer-group=" + group + "/consumer=" + consumerId),
                        cluster.id(),
                        group,
                        consumerId,
                        partition.topic(),
                        partition.partition(),
                        cluster.related(
                            uri,
                            "/topics/"
                                + partition.topic()
                                + "/partitions/"
                                + partition.partition()),
                        cluster.related(
                            uri,
                            groupPath(group)
                                + "/lags/"
                                + partition.topic()
                                + "/partitions/"
                                + partition.partition())))
            .toList());
  }

  @GET
  @Path("/{group}/lags")
  @Operation(summary = "Committed offset, log end offset and lag of every partition")
  public ResourceList<Shapes.ConsumerLag> lags(@PathParam("group") String group) {
    GroupDescription description = describe(group);
    return cluster.list(
        uri,
        "KafkaConsumerLagList",
        groupPath(group) + "/lags",
        description.partitions().stream().map(lag -> lag(description, lag)).toList());
  }

  @GET
  @Path("/{group}/lag-summary")
  @Operation(summary = "The group's total and largest lag")
  public Shapes.LagSummary lagSummary(@PathParam("group") String group) {
    GroupDescription description = describe(group);
    Optional<PartitionLag> max =
        description.partitions().stream().max(Comparator.comparingLong(PartitionLag::lag));
    Optional<MemberDescription> owner = max.flatMap(lag -> owner(description, lag));
    return new Shapes.LagSummary(
        "KafkaConsumerGroupLagSummary",
        cluster.metadata(uri, groupPath(group) + "/lag-summary", "consumer-group=" + group),
        cluster.id(),
        group,
        owner.map(MemberDescription::memberId).orElse(null),
        null,
        owner.map(MemberDescription::clientId).orElse(null),
        max.map(PartitionLag::topic).orElse(null),
        max.map(PartitionLag::partition).orElse(null),
        max.map(PartitionLag::lag).orElse(0L),
        description.totalLag(),
        owner
            .map(m -> cluster.related(uri, groupPath(group) + "/consumers/" + m.memberId()))
            .orElse(null),
        max.map(
                lag ->
                    cluster.related(
                        uri, "/topics/" + lag.topic() + "/partitions/" + lag.partition()))
            .orElse(null));
  }

  /** Tributary's offset reset (no REST Proxy equivalent); see docs/http-api.md. */
  @RolesAllowed(Roles.ADMIN)
  @POST
  @Path("/{group}/offsets:reset")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Reset the group's committed offsets, or with dry_run show the plan",
      description =
          "Strategies to-earliest, to-latest, to-offset, to-datetime, by-duration, shift-by;"
              + " refused while the group has active members.")
  public Shapes.OffsetReset reset(
      @PathParam("group") String group, String body, @Context HttpServletRequest request) {
    cluster.require(clusterId);
    OffsetResetBody reset = OffsetResetBody.parse(body);
    return shape(
        resets.resetOffsets(group, reset.request(), reset.dryRun(), HttpClients.who(request)));
  }

  @RolesAllowed(Roles.ADMIN)
  @POST
  @Path("/{group}/offset-resets/{reset}:undo")
  @Consumes(MediaType.APPLICATION_JSON) // a cross-site form cannot send it
  @Operation(
      summary = "Undo an executed reset: its partitions go back to their offsets before it",
      description =
          "Body {\"dry_run\": true} shows the plan; a partition without a committed offset before"
              + " the reset loses its commit. Refused while the group has active members.")
  public Shapes.OffsetReset undo(
      @PathParam("group") String group,
      @PathParam("reset") long resetId,
      String body,
      @Context HttpServletRequest request) {
    cluster.require(clusterId);
    Boolean dryRun = JsonBody.parseOrEmpty(body).optionalBoolean("dry_run");
    return shape(
        resets.undoOffsetReset(group, resetId, dryRun != null && dryRun, HttpClients.who(request)));
  }

  @GET
  @Path("/{group}/offset-resets")
  @Operation(summary = "The executed offset resets of the group, newest first")
  public ResourceList<Shapes.OffsetReset> resets(@PathParam("group") String group) {
    cluster.require(clusterId);
    return cluster.list(
        uri,
        "KafkaConsumerGroupOffsetResetList",
        groupPath(group) + "/offset-resets",
        resets.offsetResets(group, MAX_RESETS_LISTED).stream().map(this::shape).toList());
  }

  private GroupDescription describe(String group) {
    cluster.require(clusterId);
    GroupDescription description = coordinator.describe(group);
    if (description.state() == GroupState.DEAD) {
      throw new TributaryException(
          ErrorCode.GROUP_ID_NOT_FOUND,
          "Consumer group '"
              + group
              + "' not found: it has neither members nor committed offsets.");
    }
    return description;
  }

  private static MemberDescription member(GroupDescription group, String consumerId) {
    return group.members().stream()
        .filter(member -> member.memberId().equals(consumerId))
        .findFirst()
        .orElseThrow(() -> RequestRefusedException.memberNotFound(group.groupId(), consumerId));
  }

  private static Optional<MemberDescription> owner(GroupDescription group, PartitionLag lag) {
    TopicPartition partition = new TopicPartition(lag.topic(), lag.partition());
    return group.members().stream()
        .filter(member -> member.assignment().contains(partition))
        .findFirst();
  }

  private Shapes.ConsumerGroup shape(GroupDescription group) {
    String path = groupPath(group.groupId());
    return new Shapes.ConsumerGroup(
        "KafkaConsumerGroup",
        cluster.metadata(uri, path, "consumer-group=" + group.groupId()),
        cluster.id(),
        group.groupId(),
        group.generation() == 0,
        group.assignor(),
        group.state().name(),
        cluster.related(uri, "/brokers/0"),
        cluster.related(uri, path + "/consumers"),
        cluster.related(uri, path + "/lag-summary"));
  }

  private Shapes.Consumer consumer(String group, MemberDescription member) {
    String path = groupPath(group) + "/consumers/" + member.memberId();
    return new Shapes.Consumer(
        "KafkaConsumer",
        cluster.metadata(uri, path, "consumer-group=" + group + "/consumer=" + member.memberId()),
        cluster.id(),
        group,
        member.memberId(),
        null,
        member.clientId(),
        cluster.related(uri, path + "/assignments"));
  }

  private Shapes.ConsumerLag lag(GroupDescription group, PartitionLag lag) {
    Optional<MemberDescription> owner = owner(group, lag);
    return new Shapes.ConsumerLag(
        "KafkaConsumerLag",
        cluster.metadata(
            uri,
            groupPath(group.groupId()) + "/lags/" + lag.topic() + "/partitions/" + lag.partition(),
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

  private Shapes.OffsetReset shape(OffsetReset reset) {
    String path = groupPath(reset.groupId()) + "/offset-resets";
    return new Shapes.OffsetReset(
        "KafkaConsumerGroupOffsetReset",
        cluster.metadata(
            uri,
            reset.id() == null ? path : path + "/" + reset.id(),
            "consumer-group=" + reset.groupId()),
        cluster.id(),
        reset.groupId(),
        reset.id(),
        reset.topic(),
        reset.strategy().label(),
        reset.undoes(),
        reset.dryRun(),
        reset.executedBy(),
        reset.executedAt().toString(),
        reset.partitions().stream()
            .map(
                p ->
                    new Shapes.PartitionReset(
                        p.topic(), p.partition(), p.currentOffset(), p.newOffset()))
            .toList());
  }

  private static String groupPath(String group) {
    return "/consumer-groups/" + group;
  }
}
