package org.tributary.console.messages;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.tributary.log.Header;

/**
 * The records on the page as a file. Keys, values and header values are UTF-8 text when they are
 * valid UTF-8, otherwise base64 (JSON says which with {@code *_encoding}). CSV cells that a
 * spreadsheet would run as a formula get a leading apostrophe.
 */
final class RecordExport {

  private RecordExport() {}

  static byte[] json(List<ShownRecord> records) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (ShownRecord record : records) {
      JsonObjectBuilder object =
          Json.createObjectBuilder()
              .add("partition", record.partition())
              .add("offset", record.offset())
              .add("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
      addBytes(object, "key", record.key());
      addBytes(object, "value", record.value());
      JsonArrayBuilder headers = Json.createArrayBuilder();
      for (Header header : record.headers()) {
        JsonObjectBuilder h = Json.createObjectBuilder().add("key", header.key());
        addBytes(h, "value", header.value());
        headers.add(h);
      }
      array.add(object.add("headers", headers));
    }
    StringWriter out = new StringWriter();
    try (var writer =
        Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
      writer.write(array.build());
    }
    return out.toString().strip().getBytes(StandardCharsets.UTF_8);
  }

  private static void addBytes(JsonObjectBuilder object, String name, byte[] bytes) {
    if (bytes == null) {
      object.addNull(name);
      return;
    }
    String text = ValueView.strictUtf8(bytes);
    if (text != null) {
      object.add(name, text);
    } else {
      object.add(name, Base64.getEncoder().encodeToString(bytes));
      object.add(name + "_encoding", "base64");
    }
  }

  static byte[] csv(List<ShownRecord> records) {
    StringBuilder out = new StringBuilder("partition,offset,timestamp,key,value,headers\r\n");
    for (ShownRecord record : records) {
      out.append(record.partition())
          .append(',')
          .append(record.offset())
          .append(',')
          .append(Instant.ofEpochMilli(record.timestamp()))
          .append(',')
          .append(cell(textOrBase64(record.key())))
          .append(',')
          .append(cell(textOrBase64(record.value())))
          .append(',')
          .append(cell(record.headersText()))
          .append("\r\n");
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String textOrBase64(byte[] bytes) {
    if (bytes == null) {
      return "";
    }
    String text = ValueView.strictUtf8(bytes);
    return text != null ? text : "base64:" + Base64.getEncoder().encodeToString(bytes);
  }

  /** RFC 4180 quoting, and no cell that starts like a formula. */
  static String cell(String value) {
    String safe = value;
    if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
      safe = "'" + safe;
    }
    return "\"" + safe.replace("\"", "\"\"") + "\"";
  }
}
