package org.tributary.web.v3;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.tributary.log.Record;
import org.tributary.web.error.RequestRefusedException;
import org.tributary.web.json.HeadersJson;
import org.tributary.web.json.JsonBody;

/**
 * A record read over HTTP, in the shape REST Proxy v3 produces take, so a record read can be posted
 * back as it is: {@code {"partition_id", "offset", "timestamp", "key": {"type", "data"}, "value":
 * {...}, "headers": [{"name", "value": base64}]}}. The {@code format} says how keys and values are
 * shown: {@code binary} (base64, always lossless), {@code json} (the JSON they hold) or {@code
 * string} (UTF-8 text); text that is not JSON falls back to STRING, bytes that are not UTF-8 to
 * BINARY, and each value names its type.
 */
enum RecordJson {
  BINARY,
  JSON,
  STRING;

  static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

  /** The format a {@code format} query parameter names; binary when absent. */
  static RecordJson named(String format) {
    if (format == null || format.isBlank()) {
      return BINARY;
    }
    try {
      return valueOf(format.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw RequestRefusedException.invalidPayload(
          "Query parameter 'format' must be binary, json or string, was '" + format + "'.");
    }
  }

  /** The record as one JSON object; {@code topic} only when the caller names it (events). */
  void write(JsonGenerator json, String topic, int partition, Record record) {
    json.writeStartObject();
    if (topic != null) {
      json.write("topic_name", topic);
    }
    json.write("partition_id", partition);
    json.write("offset", record.offset());
    json.write("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
    data(json, "key", record.key());
    data(json, "value", record.value());
    HeadersJson.write(json, "headers", record.headers());
    json.writeEnd();
  }

  /**
   * One Server-Sent Event of the record: {@code id} (the stream's positions after it, {@link
   * StreamPositions}), {@code event: record}, the record with its topic as {@code data} on one
   * line.
   */
  byte[] event(String id, String topic, int partition, Record record) {
    ByteArrayOutputStream event =
        new ByteArrayOutputStream(256 + id.length() + record.sizeInBytes() * 2);
    event.writeBytes(("id: " + id + "\nevent: record\ndata: ").getBytes(StandardCharsets.UTF_8));
    try (JsonGenerator json =
        GENERATORS.createGenerator(new Unclosed(event), StandardCharsets.UTF_8)) {
      write(json, topic, partition, record);
    }
    event.writeBytes("\n\n".getBytes(StandardCharsets.UTF_8));
    return event.toByteArray();
  }

  /** Keeps the event's buffer open when the generator closes. */
  private static final class Unclosed extends java.io.FilterOutputStream {
    Unclosed(ByteArrayOutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
      out.write(bytes, offset, length);
    }

    @Override
    public void close() {}
  }

  private void data(JsonGenerator json, String name, byte[] bytes) {
    if (bytes == null) {
      json.writeNull(name);
      return;
    }
    if (this != BINARY) {
      String text = utf8(bytes);
      JsonValue parsed = text == null || this == STRING ? null : json(text);
      if (parsed != null) {
        json.writeStartObject(name).write("type", "JSON").write("data", parsed).writeEnd();
        return;
      }
      if (text != null) {
        json.writeStartObject(name).write("type", "STRING").write("data", text).writeEnd();
        return;
      }
    }
    json.writeStartObject(name)
        .write("type", "BINARY")
        .write("data", Base64.getEncoder().encodeToString(bytes))
        .writeEnd();
  }

  /** The JSON value the text holds, or null when it is not JSON. */
  private static JsonValue json(String text) {
    try {
      return JsonBody.parseValue(text);
    } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
      return null;
    }
  }

  /** The bytes as text, or null when they are not valid UTF-8. */
  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
