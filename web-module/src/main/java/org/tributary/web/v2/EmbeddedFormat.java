package org.tributary.web.v2;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.tributary.web.MediaTypes;
import org.tributary.web.error.InvalidRequestException;

/** REST Proxy's embedded formats: how keys and values travel inside the JSON body. */
enum EmbeddedFormat {
  /** Keys and values are base64 strings of raw bytes. */
  BINARY {
    @Override
    byte[] decode(JsonValue value, String what) {
      if (!(value instanceof JsonString string)) {
        throw InvalidRequestException.invalidPayload(
            what + " must be a base64 string or null in the binary format.");
      }
      try {
        return Base64.getDecoder().decode(string.getString());
      } catch (IllegalArgumentException e) {
        throw InvalidRequestException.invalidPayload(
            what + " is not valid base64: " + e.getMessage());
      }
    }
  },
  /** Keys and values are any JSON; the stored bytes are their JSON text in UTF-8. */
  JSON {
    @Override
    byte[] decode(JsonValue value, String what) {
      return value.toString().getBytes(StandardCharsets.UTF_8);
    }
  };

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
