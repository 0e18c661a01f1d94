package org.tributary.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.group.GroupCoordinator;
import org.tributary.group.OffsetCommits;
import org.tributary.log.PartitionLogs;
import org.tributary.topic.TopicCatalog;

/** Makes consumers bound to this broker's group coordinator and logs. */
@ApplicationScoped
public class ConsumerFactory {

  @Inject GroupCoordinator coordinator;
  @Inject OffsetCommits commits;
  @Inject PartitionLogs logs;
  @Inject TopicCatalog topics;

  public GroupConsumer create(String groupId, ConsumerOptions options) {
    GroupCoordinator.requireValidGroupId(groupId);
    if (options.fetchMinBytes() < 0) {
      throw new TributaryException(
          ErrorCode.INVALID_CONFIG,
          "fetch.min.bytes must not be negative, was " + options.fetchMinBytes() + ".");
    }
    return new GroupConsumer(
        groupId,
        options,
        GroupRequests.to(coordinator, commits, groupId, options),
        logs,
        topics,
        Clock.systemUTC());
  }
}
