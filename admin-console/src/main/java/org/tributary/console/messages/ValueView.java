package org.tributary.console.messages;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How a key or value is shown: as text, pretty JSON or hex. The result is plain text for an
 * escaping output component; nothing here produces markup. Long values are cut at {@link #LIMIT}.
 */
public enum ValueView {
  TEXT,
  JSON,
  HEX;

  static final int LIMIT = 64 * 1024;

  public String render(byte[] bytes) {
    return render(bytes, bytes == null ? 0 : bytes.length);
  }

  /**
   * @param size the value's real size; {@code bytes} may be its first {@link #LIMIT} bytes
   */
  public String render(byte[] bytes, int size) {
    if (bytes == null) {
      return "null";
    }
    int shown = Math.min(bytes.length, this == HEX ? LIMIT / 4 : LIMIT);
    String cut =
        shown < size ? "\n… " + (size - shown) + " more bytes (export to see them all)" : "";
    return switch (this) {
      case TEXT -> text(bytes, shown) + cut;
      case JSON -> size > LIMIT ? text(bytes, shown) + cut : prettyJson(bytes);
      case HEX -> hex(bytes, shown) + cut;
    };
  }

  /** UTF-8 text; bytes that are not UTF-8 show as U+FFFD. */
  static String text(byte[] bytes, int length) {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  /** The value as UTF-8 text if it is valid UTF-8. */
  static String strictUtf8(byte[] bytes) {
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

  static String prettyJson(byte[] bytes) {
    String text = text(bytes, bytes.length);
    try (var reader = Json.createReader(new StringReader(text))) {
      JsonValue value = reader.readValue();
      StringWriter out = new StringWriter();
      try (var writer =
          Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
        writer.write(value);
      }
      return out.toString().strip();
    } catch (JsonException | IllegalStateException e) {
      return text + "\n(not valid JSON: shown as text)";
    }
  }

  /** 16 bytes a line: offset, hex, and the printable ASCII characters. */
  static String hex(byte[] bytes, int length) {
    StringBuilder out = new StringBuilder();
    for (int line = 0; line < length; line += 16) {
      out.append(String.format("%08x ", line));
      StringBuilder ascii = new StringBuilder();
      for (int i = line; i < line + 16; i++) {
        if (i < length) {
          int b = bytes[i] & 0xff;
          out.append(String.format(" %02x", b));
          ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
        } else {
          out.append("   ");
        }
      }
      out.append("  |").append(ascii).append("|\n");
    }
    return out.toString().stripTrailing();
  }
}
