package org.tributary.web.v2;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import org.tributary.log.NewRecord;
import org.tributary.web.error.RequestRefusedException;
import org.tributary.web.json.JsonBody;

/**
 * Reads a REST Proxy v2 produce body, {@code {"records": [{"key": ..., "value": ..., "partition":
 * n}, ...]}}, into records; every problem is reported with the record's index.
 */
final class ProduceRequest {

  private ProduceRequest() {}

  /**
   * @param partition the partition of the URL, or null when producing to the topic
   */
  static List<NewRecord> parse(String body, EmbeddedFormat format, Integer partition) {
    try {
      return records(JsonBody.parseObject(body), format, partition);
    } catch (RequestRefusedException e) {
      throw e;
    } catch (RuntimeException e) {
      // The JSON parser's limits: numbers it cannot represent, nesting too deep, and the like.
      throw RequestRefusedException.malformedJson(e);
    }
  }

  private static List<NewRecord> records(
      JsonObject request, EmbeddedFormat format, Integer partition) {
    JsonValue records = request.get("records");
    if (!(records instanceof JsonArray array)) {
      throw RequestRefusedException.invalidPayload("The body must have a 'records' array.");
    }
    List<NewRecord> parsed = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      if (!(array.get(i) instanceof JsonObject record)) {
        throw RequestRefusedException.invalidPayload("records[" + i + "] must be a JSON object.");
      }
      String where = "records[" + i + "]";
      Integer recordPartition = partitionOf(record, where);
      if (partition != null && recordPartition != null && !recordPartition.equals(partition)) {
        throw RequestRefusedException.invalidPayload(
            where
                + ".partition is "
                + recordPartition
                + " but the URL names partition "
                + partition
                + ".");
      }
      parsed.add(
          new NewRecord(
              partition != null ? partition : recordPartition,
              format.bytesOf(record.get("key"), where + ".key"),
              format.bytesOf(record.get("value"), where + ".value"),
              List.of(),
              null));
    }
    return parsed;
  }

  private static Integer partitionOf(JsonObject record, String where) {
    JsonValue value = record.get("partition");
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
      throw RequestRefusedException.invalidPayload(where + ".partition must be a whole number.");
    }
    try {
      return number.intValueExact();
    } catch (ArithmeticException e) {
      throw RequestRefusedException.invalidPayload(where + ".partition is out of range.");
    }
  }
}
