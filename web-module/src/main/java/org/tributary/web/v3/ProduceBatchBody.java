package org.tributary.web.v3;

import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.tributary.web.error.RequestRefusedException;
import org.tributary.web.json.JsonBody;

/**
 * A {@code records:batch} body, as kafka-rest's ProduceBatchRequest: {@code {"entries": [{"id":
 * "1", ...record fields}]}}. The batch is refused as a whole (422, 42208) when it is empty, has
 * more than the allowed entries, or an entry's id is missing, not a string of 1 to 80 letters,
 * digits, '-' or '_', or used twice; each entry's record is parsed on its own later, so one bad
 * record fails only itself.
 */
record ProduceBatchBody(List<Entry> entries) {

  private static final Pattern ID = Pattern.compile("[0-9a-zA-Z_-]{1,80}");

  /** One entry: its id and its record's JSON, parsed when it is produced. */
  record Entry(String id, String record) {}

  static ProduceBatchBody parse(String body, int maxEntries) {
    if (body == null || body.isBlank()) {
      throw RequestRefusedException.invalidBatch(
          "The request body is empty: send {\"entries\": [{\"id\": \"1\", \"value\": ...}]}.");
    }
    JsonBody json = JsonBody.parse(body);
    if (!json.has("entries")) {
      throw RequestRefusedException.invalidBatch(
          "The request body has no 'entries': send {\"entries\": [{\"id\": \"1\", \"value\":"
              + " ...}]}.");
    }
    List<JsonBody> objects = json.requiredObjects("entries");
    if (objects.isEmpty()) {
      throw RequestRefusedException.invalidBatch("Empty batch: 'entries' has no entry.");
    }
    if (objects.size() > maxEntries) {
      throw RequestRefusedException.invalidBatch(
          "Too many entries in batch: "
              + objects.size()
              + ", at most "
              + maxEntries
              + " (api.v3.produce.batch.maximum.entries).");
    }
    Set<String> ids = new HashSet<>();
    List<Entry> entries = new ArrayList<>(objects.size());
    for (JsonBody entry : objects) {
      String id = id(entry);
      if (!ids.add(id)) {
        throw RequestRefusedException.invalidBatch(
            "Batch entry IDs are not distinct: '" + id + "' is used twice.");
      }
      entries.add(new Entry(id, entry.object().toString()));
    }
    return new ProduceBatchBody(List.copyOf(entries));
  }

  private static String id(JsonBody entry) {
    if (!(entry.value("id") instanceof JsonString id) || !ID.matcher(id.getString()).matches()) {
      throw RequestRefusedException.invalidBatch(
          "Batch entry identifier is not a valid string: '"
              + entry.where("id")
              + "' must be a string of 1 to 80 letters, digits, '-' or '_'.");
    }
    return id.getString();
  }
}
