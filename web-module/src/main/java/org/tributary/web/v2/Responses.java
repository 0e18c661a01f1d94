package org.tributary.web.v2;

import java.util.List;
import java.util.Map;
import org.tributary.group.OffsetAndMetadata;
import org.tributary.topic.TopicPartition;

/** REST Proxy v2 response bodies. */
public final class Responses {

  private Responses() {}

  /** The single broker that every partition lives on. */
  static final int BROKER_ID = 0;

  public record Topic(String name, Map<String, String> configs, List<Partition> partitions) {}

  public record Partition(int partition, int leader, List<Replica> replicas) {
    static Partition of(int partition) {
      return new Partition(partition, BROKER_ID, List.of(new Replica(BROKER_ID, true, true)));
    }
  }

  public record Replica(int broker, boolean leader, boolean inSync) {}

  public record Produced(Integer keySchemaId, Integer valueSchemaId, List<Offset> offsets) {}

  public record Offset(int partition, long offset, Integer errorCode, String error) {}

  public record Offsets(long beginningOffset, long endOffset) {}

  public record CreatedInstance(String instanceId, String baseUri) {}

  public record Subscription(List<String> topics) {}

  public record PartitionRef(String topic, int partition) {}

  public record Partitions(List<PartitionRef> partitions) {
    static Partitions of(List<TopicPartition> partitions) {
      return new Partitions(
          partitions.stream().map(p -> new PartitionRef(p.topic(), p.partition())).toList());
    }
  }

  public record CommittedOffset(String topic, int partition, long offset, String metadata) {}

  public record CommittedOffsets(List<CommittedOffset> offsets) {
    static CommittedOffsets of(Map<TopicPartition, OffsetAndMetadata> committed) {
      return new CommittedOffsets(
          committed.entrySet().stream()
              .map(
                  e ->
                      new CommittedOffset(
                          e.getKey().topic(),
                          e.getKey().partition(),
                          e.getValue().offset(),
                          e.getValue().metadata()))
              .toList());
    }
  }
}
