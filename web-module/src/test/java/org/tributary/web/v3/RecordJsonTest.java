package org.tributary.web.v3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tributary.log.Header;
import org.tributary.log.Record;
import org.tributary.web.error.RequestRefusedException;
import org.tributary.web.json.JsonBody;

class RecordJsonTest {

  private static final byte[] NOT_UTF8 = {(byte) 0xff, (byte) 0xfe, 0x41};

  private static Record record(byte[] key, byte[] value) {
    return new Record(
        42,
        1_765_000_000_000L,
        key,
        value,
        List.of(new Header("trace", "t1".getBytes(StandardCharsets.UTF_8))),
        64);
  }

  private static JsonObject eventData(RecordJson format, Record record) {
    String event =
        new String(format.event("0:7,2:43", "orders", 2, record), StandardCharsets.UTF_8);
    assertTrue(event.startsWith("id: 0:7,2:43\nevent: record\ndata: "), event);
    assertTrue(event.endsWith("\n\n"), event);
    String data =
        event.substring("id: 0:7,2:43\nevent: record\ndata: ".length(), event.length() - 2);
    assertTrue(!data.contains("\n"), "one data line");
    return JsonBody.parse(data).object();
  }

  @Test
  void binaryShowsBytesAsBase64() {
    JsonObject data = eventData(RecordJson.BINARY, record(bytes("k"), bytes("{\"a\":1}")));
    assertEquals("orders", data.getString("topic_name"));
    assertEquals(2, data.getInt("partition_id"));
    assertEquals(42, data.getJsonNumber("offset").longValue());
    assertEquals("2025-12-06T05:46:40Z", data.getString("timestamp"));
    assertEquals("BINARY", data.getJsonObject("value").getString("type"));
    assertEquals(
        "{\"a\":1}",
        new String(
            Base64.getDecoder().decode(data.getJsonObject("value").getString("data")),
            StandardCharsets.UTF_8));
    JsonObject header = data.getJsonArray("headers").getJsonObject(0);
    assertEquals("trace", header.getString("name"));
    assertEquals("dDE=", header.getString("value"));
  }

  @Test
  void jsonShowsTheValueItHoldsAndFallsBackToTextThenBytes() {
    JsonObject data =
        eventData(
            RecordJson.JSON, record(bytes("not json\nwith a newline"), bytes("{\"a\":[1,2]}")));
    assertEquals("JSON", data.getJsonObject("value").getString("type"));
    assertEquals(2, data.getJsonObject("value").getJsonObject("data").getJsonArray("a").size());
    assertEquals("STRING", data.getJsonObject("key").getString("type"));
    assertEquals("not json\nwith a newline", data.getJsonObject("key").getString("data"));
    JsonObject bytes = eventData(RecordJson.JSON, record(NOT_UTF8, null));
    assertEquals("BINARY", bytes.getJsonObject("key").getString("type"));
  }

  @Test
  void stringShowsUtf8TextAndFallsBackToBinaryForOtherBytes() {
    JsonObject data = eventData(RecordJson.STRING, record(bytes("line one\nline two"), NOT_UTF8));
    assertEquals("STRING", data.getJsonObject("key").getString("type"));
    assertEquals("line one\nline two", data.getJsonObject("key").getString("data"));
    assertEquals("BINARY", data.getJsonObject("value").getString("type"));
  }

  @Test
  void nullKeysAndValuesStayNull() {
    JsonObject data = eventData(RecordJson.STRING, record(null, null));
    assertTrue(data.isNull("key"));
    assertTrue(data.isNull("value"));
  }

  @Test
  void formatsAreNamedInAnyCaseAndBinaryByDefault() {
    assertEquals(RecordJson.BINARY, RecordJson.named(null));
    assertEquals(RecordJson.JSON, RecordJson.named("json"));
    assertEquals(RecordJson.STRING, RecordJson.named("STRING"));
    RequestRefusedException refused =
        assertThrows(RequestRefusedException.class, () -> RecordJson.named("avro"));
    assertEquals(42200, refused.errorCode());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
