package org.tributary.web.v3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tributary.log.Header;
import org.tributary.web.error.RequestRefusedException;

class ProduceRecordTest {

  @Test
  void readsPartitionHeadersTypedKeyAndValueAndTimestamp() {
    ProduceRecord parsed =
        ProduceRecord.parse(
            "{\"partition_id\":2,\"headers\":[{\"name\":\"trace\",\"value\":\"aGk=\"},"
                + "{\"name\":\"empty\",\"value\":null}],"
                + "\"key\":{\"type\":\"STRING\",\"data\":\"alice\"},"
                + "\"value\":{\"type\":\"JSON\",\"data\":{\"total\":42}},"
                + "\"timestamp\":\"2026-11-25T10:00:00Z\"}");

    assertEquals(2, parsed.record().partition());
    assertArrayEquals("alice".getBytes(StandardCharsets.UTF_8), parsed.record().key());
    assertArrayEquals("{\"total\":42}".getBytes(StandardCharsets.UTF_8), parsed.record().value());
    assertEquals(
        new Header("trace", "hi".getBytes(StandardCharsets.UTF_8)),
        parsed.record().headers().get(0));
    assertNull(parsed.record().headers().get(1).value());
    assertEquals(Instant.parse("2026-11-25T10:00:00Z").toEpochMilli(), parsed.record().timestamp());
    assertEquals(new Shapes.DataSize("STRING", 5), parsed.keySize());
    assertEquals(new Shapes.DataSize("JSON", 12), parsed.valueSize());
  }

  @Test
  void binaryDataIsBase64AndAbsentKeyIsNull() {
    ProduceRecord parsed =
        ProduceRecord.parse("{\"value\":{\"type\":\"BINARY\",\"data\":\"AAEC\"}}");

    assertNull(parsed.record().key());
    assertNull(parsed.keySize());
    assertArrayEquals(new byte[] {0, 1, 2}, parsed.record().value());
  }

  @Test
  void refusesBadBase64UnknownTypesSchemasAndBadTimestamps() {
    for (String bad :
        new String[] {
          "{\"value\":{\"type\":\"BINARY\",\"data\":\"!!\"}}",
          "{\"value\":{\"type\":\"AVRO\",\"data\":1}}",
          "{\"value\":{\"schema_id\":3,\"data\":1}}",
          "{\"value\":{\"type\":\"STRING\",\"data\":1}}",
          "{\"value\":\"plain\"}",
          "{\"headers\":[{\"value\":\"aGk=\"}]}",
          "{\"timestamp\":\"yesterday\"}",
          "{\"partition_id\":\"one\"}"
        }) {
      RequestRefusedException refused =
          assertThrows(RequestRefusedException.class, () -> ProduceRecord.parse(bad), bad);
      assertEquals(422, refused.status(), bad);
    }
  }
}
