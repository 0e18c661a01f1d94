package org.tributary.web.v3;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tributary.web.json.JsonBody;

/**
 * The body of {@code POST .../topics/{topic}/records:delete}, shaped like the JSON file of Kafka's
 * {@code kafka-delete-records.sh}: per partition, the offset before which records go ({@code -1}:
 * the high watermark).
 */
record DeleteRecordsBody(Map<Integer, Long> beforeOffsets) {

  static DeleteRecordsBody parse(String body) {
    JsonBody json = JsonBody.parse(body);
    List<JsonBody> partitions = json.requiredObjects("partitions");
    if (partitions.isEmpty()) {
      throw json.invalid(
          "partitions", "must list at least one {\"partition_id\": 0, \"offset\": 42}");
    }
    Map<Integer, Long> beforeOffsets = new LinkedHashMap<>();
    for (JsonBody partition : partitions) {
      int id = partition.requiredInt("partition_id");
      if (beforeOffsets.put(id, partition.requiredLong("offset")) != null) {
        throw partition.invalid(
            "partition_id", "names partition " + id + " a second time; list each partition once");
      }
    }
    return new DeleteRecordsBody(beforeOffsets);
  }
}
