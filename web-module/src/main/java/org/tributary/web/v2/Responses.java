package org.tributary.web.v2;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.Map;

/** REST Proxy v2 response bodies. */
public final class Responses {

  private Responses() {}

  /** The single broker that every partition lives on. */
  static final int BROKER_ID = 0;

  @JsonbPropertyOrder({"name", "configs", "partitions"})
  public record Topic(String name, Map<String, String> configs, List<Partition> partitions) {}

  @JsonbPropertyOrder({"partition", "leader", "replicas"})
  public record Partition(int partition, int leader, List<Replica> replicas) {
    static Partition of(int partition) {
      return new Partition(partition, BROKER_ID, List.of(new Replica(BROKER_ID, true, true)));
    }
  }

  @JsonbPropertyOrder({"broker", "leader", "inSync"})
  public record Replica(int broker, boolean leader, boolean inSync) {}

  public record Produced(Integer keySchemaId, Integer valueSchemaId, List<Offset> offsets) {}

  public record Offset(int partition, long offset, Integer errorCode, String error) {}

  @JsonbPropertyOrder({"beginningOffset", "endOffset"})
  public record Offsets(long beginningOffset, long endOffset) {}
}
