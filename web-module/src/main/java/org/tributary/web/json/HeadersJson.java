package org.tributary.web.json;

import jakarta.json.stream.JsonGenerator;
import java.util.Base64;
import java.util.List;
import org.tributary.log.Header;

/** A record's headers as REST Proxy writes them: {@code [{"name": ..., "value": base64|null}]}. */
public final class HeadersJson {

  private HeadersJson() {}

  public static void write(JsonGenerator json, String field, List<Header> headers) {
    json.writeStartArray(field);
    for (Header header : headers) {
      json.writeStartObject().write("name", header.key());
      if (header.value() == null) {
        json.writeNull("value");
      } else {
        json.write("value", Base64.getEncoder().encodeToString(header.value()));
      }
      json.writeEnd();
    }
    json.writeEnd();
  }
}
