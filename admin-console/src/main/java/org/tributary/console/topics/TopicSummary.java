package org.tributary.console.topics;

import java.util.List;
import org.tributary.topic.TopicConfigKey;
import org.tributary.topic.TopicMetadata;

/** A topic as the console lists it, with per-partition figures. */
public record TopicSummary(TopicMetadata metadata, List<PartitionSummary> partitionSummaries) {

  public String name() {
    return metadata.name();
  }

  public int partitions() {
    return metadata.partitions();
  }

  public long records() {
    return partitionSummaries.stream().mapToLong(PartitionSummary::records).sum();
  }

  public long sizeInBytes() {
    return partitionSummaries.stream().mapToLong(PartitionSummary::sizeInBytes).sum();
  }

  public String retentionMs() {
    return metadata.config().get(TopicConfigKey.RETENTION_MS);
  }

  public String cleanupPolicy() {
    return metadata.config().get(TopicConfigKey.CLEANUP_POLICY);
  }

  /** One partition: its offsets and size. */
  public record PartitionSummary(
      int partition, long logStartOffset, long highWatermark, long sizeInBytes) {

    public long records() {
      return highWatermark - logStartOffset;
    }
  }
}
