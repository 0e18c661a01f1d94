package org.tributary.web.v2;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tributary.log.NewRecord;
import org.tributary.web.error.InvalidRequestException;

/**
 * Reads a REST Proxy v2 produce body, {@code {"records": [{"key": ..., "value": ..., "partition":
 * n}, ...]}}, into records; every problem is reported with the record's index.
 */
final class ProduceRequest {

  /** Made once: {@code Json.createParser} looks the JSON provider up anew on every call. */
  private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

  private ProduceRequest() {}

  /**
   * @param partition the partition of the URL, or null when producing to the topic
   */
  static List<NewRecord> parse(String body, EmbeddedFormat format, Integer partition) {
    try {
      return records(parseObject(body), format, partition);
    } catch (InvalidRequestException e) {
      throw e;
    } catch (RuntimeException e) {
      // The JSON parser's limits: numbers it cannot represent, nesting too deep, and the like.
      throw InvalidRequestException.malformedJson(e);
    }
  }

  private static List<NewRecord> records(
      JsonObject request, EmbeddedFormat format, Integer partition) {
    JsonValue records = request.get("records");
    if (!(records instanceof JsonArray array)) {
      throw InvalidRequestException.invalidPayload("The body must have a 'records' array.");
    }
    List<NewRecord> parsed = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      if (!(array.get(i) instanceof JsonObject record)) {
        throw InvalidRequestException.invalidPayload("records[" + i + "] must be a JSON object.");
      }
      String where = "records[" + i + "]";
      Integer recordPartition = partitionOf(record, where);
      if (partition != null && recordPartition != null && !recordPartition.equals(partition)) {
        throw InvalidRequestException.invalidPayload(
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

  static JsonObject parseObject(String body) {
    if (body == null || body.isBlank()) {
      throw InvalidRequestException.invalidPayload(
          "The request body is empty; a JSON object is expected.");
    }
    try (JsonParser parser = PARSERS.createParser(new StringReader(body))) {
      parser.next();
      JsonValue value = parser.getValue();
      if (parser.hasNext()) {
        throw InvalidRequestException.malformedJson(
            new JsonException("unexpected content after the JSON value"));
      }
      if (!(value instanceof JsonObject object)) {
        throw InvalidRequestException.invalidPayload("The request body must be a JSON object.");
      }
      return object;
    } catch (JsonException e) {
      throw InvalidRequestException.malformedJson(e);
    }
  }

  private static Integer partitionOf(JsonObject record, String where) {
    JsonValue value = record.get("partition");
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
      throw InvalidRequestException.invalidPayload(where + ".partition must be a whole number.");
    }
    try {
      return number.intValueExact();
    } catch (ArithmeticException e) {
      throw InvalidRequestException.invalidPayload(where + ".partition is out of range.");
    }
  }
}
