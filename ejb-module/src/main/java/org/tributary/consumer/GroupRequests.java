package org.tributary.consumer;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.tributary.group.Assignment;
import org.tributary.group.GroupCoordinator;
import org.tributary.group.OffsetAndMetadata;
import org.tributary.group.OffsetCommits;
import org.tributary.topic.TopicPartition;

/**
 * The requests a consumer sends its group's coordinator, bound to the group and the consumer's
 * settings: functions, so that a test can answer them without a container.
 *
 * @param groupId the group
 * @param join joins (or rejoins, with a member id) subscribed to these topics
 * @param heartbeat tells the group the member is alive and learns its assignment
 * @param leave leaves the group
 * @param commit commits offsets as this member, in this generation
 * @param committed the group's committed offsets
 * @param startingOffsets where each partition starts: the group's commit or {@code
 *     auto.offset.reset}
 */
record GroupRequests(
    String groupId,
    BiFunction<String, Set<String>, Assignment> join,
    Function<String, Assignment> heartbeat,
    Consumer<String> leave,
    Commit commit,
    Supplier<Map<TopicPartition, OffsetAndMetadata>> committed,
    Function<Collection<TopicPartition>, Map<TopicPartition, Long>> startingOffsets) {

  @FunctionalInterface
  interface Commit {
    void commit(String memberId, int generation, Map<TopicPartition, OffsetAndMetadata> offsets);
  }

  static GroupRequests to(
      GroupCoordinator coordinator,
      OffsetCommits commits,
      String groupId,
      ConsumerOptions options) {
    return new GroupRequests(
        groupId,
        (memberId, topics) ->
            coordinator.join(
                groupId,
                memberId,
                options.clientId(),
                topics,
                options.sessionTimeout(),
                options.assignor()),
        memberId -> coordinator.heartbeat(groupId, memberId),
        memberId -> coordinator.leave(groupId, memberId),
        (memberId, generation, offsets) -> commits.commit(groupId, memberId, generation, offsets),
        () -> commits.committed(groupId),
        partitions -> commits.startingOffsets(groupId, partitions, options.autoOffsetReset()));
  }
}
