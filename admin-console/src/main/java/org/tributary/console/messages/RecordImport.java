package org.tributary.console.messages;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.log.Header;
import org.tributary.log.NewRecord;

/**
 * Records read from a file in the format {@link RecordExport} writes, JSON or CSV (told apart by
 * the first character: a JSON export is an array). The whole file is checked before any record is
 * returned: the first problem becomes a {@link TributaryException} naming its line or entry, so an
 * import sends all of a file or nothing. Partition, offset and timestamp are not kept: the target
 * topic's partitioner places the records, and they get the time of the import.
 */
final class RecordImport {

  static final int MAX_BYTES = 2 * 1024 * 1024;
  static final int MAX_RECORDS = 10_000;

  private static final String BASE64_PREFIX = "base64:";
  private static final String FORMULA_STARTS = "=+-@\t\r";

  private RecordImport() {}

  static List<NewRecord> parse(byte[] file) {
    if (file.length == 0) {
      throw invalid("The file is empty.");
    }
    if (file.length > MAX_BYTES) {
      throw invalid(
          "The file has " + file.length + " bytes; an import takes at most " + MAX_BYTES + ".");
    }
    String text = ValueView.strictUtf8(file);
    if (text == null) {
      throw invalid("The file is not UTF-8 text; export files are.");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    return text.stripLeading().startsWith("[") ? json(text) : csv(text);
  }

  private static List<NewRecord> json(String text) {
    JsonArray array;
    try (var reader = Json.createReader(new StringReader(text))) {
      array = reader.readArray();
    } catch (JsonParsingException malformed) {
      JsonLocation at = malformed.getLocation();
      throw invalid(
          "Line "
              + at.getLineNumber()
              + ", column "
              + at.getColumnNumber()
              + ": the JSON is malformed ("
              + malformed.getMessage()
              + ").");
    } catch (JsonException malformed) {
      throw invalid("The JSON is malformed: " + malformed.getMessage());
    }
    checkCount(array.size());
    List<NewRecord> records = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String where = "Entry " + (i + 1);
      if (!(array.get(i) instanceof JsonObject entry)) {
        throw invalid(where + ": a record must be a JSON object.");
      }
      if (!entry.containsKey("value")) {
        throw invalid(where + ": the record has no \"value\" (null for a tombstone).");
      }
      List<Header> headers = new ArrayList<>();
      JsonValue list = entry.getOrDefault("headers", JsonValue.EMPTY_JSON_ARRAY);
      if (!(list instanceof JsonArray headerArray)) {
        throw invalid(where + ": \"headers\" must be an array.");
      }
      for (JsonValue h : headerArray) {
        if (!(h instanceof JsonObject header) || !(header.get("key") instanceof JsonString name)) {
          throw invalid(where + ": each header needs a \"key\" string.");
        }
        headers.add(new Header(name.getString(), bytes(header, "value", where + ", header")));
      }
      records.add(
          new NewRecord(
              null, bytes(entry, "key", where), bytes(entry, "value", where), headers, null));
    }
    return records;
  }

  /** A JSON member as written by the export: null, UTF-8 text, or base64 with *_encoding. */
  private static byte[] bytes(JsonObject object, String name, String where) {
    JsonValue value = object.getOrDefault(name, JsonValue.NULL);
    if (value == JsonValue.NULL) {
      return null;
    }
    if (!(value instanceof JsonString string)) {
      throw invalid(where + ": \"" + name + "\" must be a string or null.");
    }
    JsonValue encoding = object.get(name + "_encoding");
    if (encoding == null) {
      return string.getString().getBytes(StandardCharsets.UTF_8);
    }
    if (!(encoding instanceof JsonString base64) || !base64.getString().equals("base64")) {
      throw invalid(where + ": \"" + name + "_encoding\" can only be \"base64\".");
    }
    return base64(string.getString(), where + ": \"" + name + "\"");
  }

  private static byte[] base64(String text, String what) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw invalid(what + " is not valid base64 (" + e.getMessage() + ").");
    }
  }

  private static List<NewRecord> csv(String text) {
    List<CsvRows.Row> rows = CsvRows.parse(text);
    if (rows.isEmpty()) {
      throw invalid("The file has no header line.");
    }
    List<String> columns = rows.get(0).cells();
    int key = columns.indexOf("key");
    int value = columns.indexOf("value");
    int headers = columns.indexOf("headers");
    if (key < 0 || value < 0 || headers < 0) {
      throw invalid(
          "Line 1: the header line must name the columns key, value and headers (an export's is"
              + " partition,offset,timestamp,key,value,headers); it was '"
              + String.join(",", columns)
              + "'.");
    }
    checkCount(rows.size() - 1);
    List<NewRecord> records = new ArrayList<>(rows.size() - 1);
    for (CsvRows.Row row : rows.subList(1, rows.size())) {
      String where = "Line " + row.line();
      if (row.cells().size() != columns.size()) {
        throw invalid(
            where
                + ": "
                + row.cells().size()
                + " cells, but the header line has "
                + columns.size()
                + " columns.");
      }
      List<Header> parsed;
      try {
        parsed = HeaderLines.parse(unguarded(row.cells().get(headers)));
      } catch (TributaryException bad) {
        throw invalid(where + ", headers: " + bad.getMessage());
      }
      records.add(
          new NewRecord(
              null,
              cellBytes(row.cells().get(key), where + ", key"),
              cellBytes(row.cells().get(value), where + ", value"),
              parsed,
              null));
    }
    return records;
  }

  /** A CSV cell as written by the export: empty for null, "base64:…", or UTF-8 text. */
  private static byte[] cellBytes(String cell, String where) {
    String text = unguarded(cell);
    if (text.isEmpty()) {
      return null;
    }
    if (text.startsWith(BASE64_PREFIX)) {
      return base64(text.substring(BASE64_PREFIX.length()), where);
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The cell without the apostrophe the export put before a formula-like start. */
  private static String unguarded(String cell) {
    return cell.length() > 1
            && cell.charAt(0) == '\''
            && FORMULA_STARTS.indexOf(cell.charAt(1)) >= 0
        ? cell.substring(1)
        : cell;
  }

  private static void checkCount(int records) {
    if (records == 0) {
      throw invalid("The file holds no records.");
    }
    if (records > MAX_RECORDS) {
      throw invalid(
          "The file holds " + records + " records; an import takes at most " + MAX_RECORDS + ".");
    }
  }

  private static TributaryException invalid(String message) {
    return new TributaryException(ErrorCode.INVALID_RECORD, message + " Nothing was imported.");
  }
}
