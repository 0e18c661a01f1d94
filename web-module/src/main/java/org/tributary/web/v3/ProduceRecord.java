package org.tributary.web.v3;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.tributary.log.Header;
import org.tributary.log.NewRecord;
import org.tributary.web.json.JsonBody;
import org.tributary.web.v3.Shapes.DataSize;

/**
 * One record of a REST Proxy v3 produce request: {@code {"partition_id", "headers": [{"name",
 * "value": base64}], "key": {"type": "BINARY"|"JSON"|"STRING", "data"}, "value": {...},
 * "timestamp": ISO-8601}}.
 */
record ProduceRecord(NewRecord record, DataSize keySize, DataSize valueSize) {

  static ProduceRecord parse(String text) {
    JsonBody json = JsonBody.parse(text);
    Integer partition = json.optionalInt("partition_id");
    Instant timestamp = json.optionalInstant("timestamp");
    Data key = data(json, "key");
    Data value = data(json, "value");
    return new ProduceRecord(
        new NewRecord(
            partition,
            key.bytes(),
            value.bytes(),
            headers(json),
            timestamp == null ? null : timestamp.toEpochMilli()),
        key.size(),
        value.size());
  }

  private record Data(byte[] bytes, DataSize size) {
    static final Data NONE = new Data(null, null);
  }

  private static Data data(JsonBody json, String name) {
    if (!json.has(name)) {
      return Data.NONE;
    }
    if (!(json.value(name) instanceof JsonObject object)) {
      throw json.invalid(name, "must be an object such as {\"type\": \"JSON\", \"data\": ...}");
    }
    JsonBody field = JsonBody.of(object, json.where(name));
    if (field.has("schema") || field.has("schema_id") || field.has("subject")) {
      throw field.invalid("type", "must be BINARY, JSON or STRING: schemas are not supported");
    }
    String type = field.optionalString("type");
    type = type == null ? "JSON" : type.toUpperCase(Locale.ROOT);
    JsonValue data = field.value("data");
    if (data == null || data.getValueType() == JsonValue.ValueType.NULL) {
      return new Data(null, new DataSize(type, 0));
    }
    byte[] bytes =
        switch (type) {
          case "BINARY" -> base64(field, data);
          case "STRING" -> {
            if (!(data instanceof JsonString string)) {
              throw field.invalid("data", "must be a string for type STRING");
            }
            yield string.getString().getBytes(StandardCharsets.UTF_8);
          }
          case "JSON" -> data.toString().getBytes(StandardCharsets.UTF_8);
          default ->
              throw field.invalid("type", "must be BINARY, JSON or STRING, was '" + type + "'");
        };
    return new Data(bytes, new DataSize(type, bytes.length));
  }

  private static byte[] base64(JsonBody field, JsonValue data) {
    if (!(data instanceof JsonString string)) {
      throw field.invalid("data", "must be a base64 string for type BINARY");
    }
    try {
      return Base64.getDecoder().decode(string.getString());
    } catch (IllegalArgumentException e) {
      throw field.invalid("data", "is not valid base64");
    }
  }

  private static List<Header> headers(JsonBody json) {
    if (!json.has("headers")) {
      return List.of();
    }
    List<Header> headers = new ArrayList<>();
    for (JsonBody header : json.requiredObjects("headers")) {
      String name = header.requiredString("name");
      byte[] value = null;
      if (header.has("value")) {
        value = base64(header, header.value("value"));
      }
      headers.add(new Header(name, value));
    }
    return headers;
  }
}
