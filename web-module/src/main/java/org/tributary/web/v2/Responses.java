package org.tributary.web.v2;

import java.util.List;
import java.util.Map;

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
}
