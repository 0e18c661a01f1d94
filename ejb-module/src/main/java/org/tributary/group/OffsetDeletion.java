package org.tributary.group;

import java.util.Map;
import org.tributary.topic.TopicPartition;

/**
 * What a deletion removed: the group's committed offsets as they were, per partition (empty when
 * the group had none there).
 */
public record OffsetDeletion(String groupId, Map<TopicPartition, OffsetAndMetadata> deleted) {

  public OffsetDeletion {
    deleted = Map.copyOf(deleted);
  }
}
