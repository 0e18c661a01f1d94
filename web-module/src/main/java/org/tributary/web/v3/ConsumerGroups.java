package org.tributary.web.v3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.group.GroupCoordinator;
import org.tributary.group.GroupDescription;
import org.tributary.group.GroupState;
import org.tributary.group.MemberDescription;
import org.tributary.group.OffsetReset;
import org.tributary.group.PartitionLag;
import org.tributary.topic.TopicPartition;
import org.tributary.web.error.RequestRefusedException;

/** The consumer groups the v3 resources below {@code /consumer-groups} describe. */
@ApplicationScoped
class ConsumerGroups {

  @Inject Cluster cluster;
  @Inject GroupCoordinator coordinator;

  /** The group, refused as not found when it has neither members nor committed offsets. */
  GroupDescription describe(String clusterId, String group) {
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

  static MemberDescription member(GroupDescription group, String consumerId) {
    return group.members().stream()
        .filter(member -> member.memberId().equals(consumerId))
        .findFirst()
        .orElseThrow(() -> RequestRefusedException.memberNotFound(group.groupId(), consumerId));
  }

  /** The member the partition of {@code lag} is assigned to, if any. */
  static Optional<MemberDescription> owner(GroupDescription group, PartitionLag lag) {
    TopicPartition partition = new TopicPartition(lag.topic(), lag.partition());
    return group.members().stream()
        .filter(member -> member.assignment().contains(partition))
        .findFirst();
  }

  /** The group's path below {@code /v3/clusters/{cluster_id}}. */
  static String path(String group) {
    return "/consumer-groups/" + group;
  }

  /** An offset reset, planned or executed, as the v3 resources show it. */
  Shapes.OffsetReset offsetReset(UriInfo uri, OffsetReset reset) {
    String path = path(reset.groupId()) + "/offset-resets";
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
}
