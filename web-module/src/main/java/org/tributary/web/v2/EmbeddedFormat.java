package org.tributary.web.v2;

import jakarta.json.JsonException;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.tributary.web.MediaTypes;
import org.tributary.web.error.RequestRefusedException;
import org.tributary.web.json.JsonBody;

/** REST Proxy's embedded formats: how keys and values travel inside the JSON body. */
enum EmbeddedFormat {
  /** Keys and values are base64 strings of raw bytes. */
  BINARY("binary", MediaTypes.BINARY_V2_JSON) {
    @Override
    void write(JsonGenerator json, String name, byte[] bytes) {
      json.write(name, Base64.getEncoder().encodeToString(bytes));
    }

    @Override
    byte[] decode(JsonValue value, String what) {
      if (!(value instanceof JsonString string)) {
        throw RequestRefusedException.invalidPayload(
            what + " must be a base64 string or null in the binary format.");
      }
      try {
        return Base64.getDecoder().decode(string.getString());
      } catch (IllegalArgumentException e) {
        throw RequestRefusedException.invalidPayload(
            what + " is not valid base64: " + e.getMessage());
      }
    }
  },
  /** Keys and values are any JSON; the stored bytes are their JSON text in UTF-8. */
  JSON("json", MediaTypes.JSON_V2_JSON) {
    /** Bytes that are not JSON (produced in another format) are shown as a JSON string. */
    @Override
    void write(JsonGenerator json, String name, byte[] bytes) {
      String text = new String(bytes, StandardCharsets.UTF_8);
      try {
        json.write(name, JsonBody.parseValue(text));
      } catch (JsonException e) {
        json.write(name, text);
      }
    }

    @Override
    byte[] decode(JsonValue value, String what) {
      return value.toString().getBytes(StandardCharsets.UTF_8);
    }
  };

  private final String label;
  private final String mediaType;

  EmbeddedFormat(String label, String mediaType) {
    this.label = label;
    this.mediaType = mediaType;
  }

  String label() {
    return label;
  }

  String mediaType() {
    return mediaType;
  }

  /** Writes a key or value of a consumed record as the field {@code name}; null stays null. */
  void writeBytes(JsonGenerator json, String name, byte[] bytes) {
    if (bytes == null) {
      json.writeNull(name);
    } else {
      write(json, name, bytes);
    }
  }

  abstract void write(JsonGenerator json, String name, byte[] bytes);

  /** The format a consumer instance is created with, by REST Proxy's name. */
  static EmbeddedFormat named(String label) {
    for (EmbeddedFormat format : values()) {
      if (format.label.equals(label)) {
        return format;
      }
    }
    throw RequestRefusedException.invalidConsumerConfig(
        "format '" + label + "' is not supported; use binary or json.");
  }

  /** The bytes of a key or value; JSON null stays null (a null value is a tombstone). */
  byte[] bytesOf(JsonValue value, String what) {
    return value == null || value.getValueType() == JsonValue.ValueType.NULL
        ? null
        : decode(value, what);
  }

  abstract byte[] decode(JsonValue value, String what);

  static EmbeddedFormat of(MediaType type) {
    if (type != null && type.isCompatible(MediaType.valueOf(MediaTypes.JSON_V2_JSON))) {
      return JSON;
    }
    if (type != null && type.isCompatible(MediaType.valueOf(MediaTypes.BINARY_V2_JSON))) {
      return BINARY;
    }
    throw new NotSupportedException();
  }
}
