package org.tributary.web.v2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tributary.log.NewRecord;
import org.tributary.web.error.RequestRefusedException;

class ProduceRequestTest {

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(utf8(text));
  }

  @Test
  void binaryFormatDecodesBase64KeysAndValues() {
    List<NewRecord> records =
        ProduceRequest.parse(
            "{\"records\":[{\"key\":\""
                + b64("k")
                + "\",\"value\":\""
                + b64("v")
                + "\",\"partition\":2}]}",
            EmbeddedFormat.BINARY,
            null);
    assertArrayEquals(utf8("k"), records.get(0).key());
    assertArrayEquals(utf8("v"), records.get(0).value());
    assertEquals(2, records.get(0).partition());
  }

  @Test
  void jsonFormatStoresTheJsonTextOfAnyValue() {
    List<NewRecord> records =
        ProduceRequest.parse(
            "{\"records\":[{\"key\":\"alice\",\"value\":{\"total\":42,\"items\":[1,2]}},{\"value\":7}]}",
            EmbeddedFormat.JSON,
            null);
    assertArrayEquals(utf8("\"alice\""), records.get(0).key());
    assertArrayEquals(utf8("{\"total\":42,\"items\":[1,2]}"), records.get(0).value());
    assertArrayEquals(utf8("7"), records.get(1).value());
    assertNull(records.get(1).key());
  }

  @Test
  void nullValueIsATombstone() {
    NewRecord record =
        ProduceRequest.parse(
                "{\"records\":[{\"key\":\"k\",\"value\":null}]}", EmbeddedFormat.JSON, null)
            .get(0);
    assertNull(record.value());
  }

  @Test
  void urlPartitionAppliesToEveryRecord() {
    List<NewRecord> records =
        ProduceRequest.parse(
            "{\"records\":[{\"value\":1},{\"value\":2,\"partition\":3}]}", EmbeddedFormat.JSON, 3);
    assertEquals(3, records.get(0).partition());
    assertEquals(3, records.get(1).partition());
  }

  @Test
  void recordNamingAnotherPartitionThanTheUrlIsRefused() {
    RequestRefusedException e =
        assertThrows(
            RequestRefusedException.class,
            () ->
                ProduceRequest.parse(
                    "{\"records\":[{\"value\":2,\"partition\":1}]}", EmbeddedFormat.JSON, 0));
    assertEquals(42200, e.errorCode());
  }

  @Test
  void malformedJsonIs400AndInvalidPayloadsAre422() {
    assertEquals(
        400,
        assertThrows(
                RequestRefusedException.class,
                () -> ProduceRequest.parse("{\"records\":", EmbeddedFormat.JSON, null))
            .status());
    for (String body :
        List.of(
            "",
            "[]",
            "{}",
            "{\"records\":{}}",
            "{\"records\":[1]}",
            "{\"records\":[{\"value\":1,\"partition\":1.5}]}",
            "{\"records\":[{\"value\":1,\"partition\":99999999999}]}")) {
      RequestRefusedException e =
          assertThrows(
              RequestRefusedException.class,
              () -> ProduceRequest.parse(body, EmbeddedFormat.JSON, null),
              body);
      assertEquals(422, e.status(), body);
    }
  }

  @Test
  void binaryFormatRefusesWhatIsNotBase64AndSaysWhere() {
    RequestRefusedException e =
        assertThrows(
            RequestRefusedException.class,
            () ->
                ProduceRequest.parse(
                    "{\"records\":[{\"value\":\"" + b64("ok") + "\"},{\"value\":\"%%%\"}]}",
                    EmbeddedFormat.BINARY,
                    null));
    assertTrue(e.getMessage().contains("records[1].value"), e.getMessage());
    assertThrows(
        RequestRefusedException.class,
        () -> ProduceRequest.parse("{\"records\":[{\"key\":{}}]}", EmbeddedFormat.BINARY, null));
  }
}
