package org.tributary.web.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tributary.web.error.RequestRefusedException;

class JsonBodyTest {

  private static String refusal(Runnable read) {
    return assertThrows(RequestRefusedException.class, read::run).getMessage();
  }

  @Test
  void typedFieldsAndTheirPathsInErrors() {
    JsonBody body =
        JsonBody.parse("{\"offsets\":[{\"topic\":\"t\",\"partition\":0,\"offset\":\"x\"}]}");
    JsonBody entry = body.requiredObjects("offsets").get(0);

    assertEquals("t", entry.requiredString("topic"));
    assertEquals(0, entry.requiredInt("partition"));
    assertEquals(
        "'offsets[0].offset' must be a whole number.", refusal(() -> entry.requiredLong("offset")));
    assertEquals(
        "'offsets[0].metadata' is required.", refusal(() -> entry.requiredString("metadata")));
  }

  @Test
  void numbersOutOfRangeAreRefusedNotTruncated() {
    JsonBody body = JsonBody.parse("{\"big\":4294967296,\"huge\":1e400,\"frac\":1.5}");

    assertEquals(4294967296L, body.requiredLong("big"));
    assertTrue(refusal(() -> body.requiredInt("big")).contains("out of range"));
    assertTrue(refusal(() -> body.requiredLong("frac")).contains("whole number"));
  }

  @Test
  void settingsMayBeStringsNumbersOrBooleans() {
    JsonBody body = JsonBody.parse("{\"a\":\"1024\",\"b\":1024,\"c\":true,\"d\":null}");

    assertEquals("1024", body.optionalSetting("a"));
    assertEquals("1024", body.optionalSetting("b"));
    assertEquals("true", body.optionalSetting("c"));
    assertNull(body.optionalSetting("d"));
    assertFalse(body.has("d"));
  }

  @Test
  void malformedEmptyAndNonObjectBodiesAreRefusedWithTheirOwnStatus() {
    assertEquals(
        400, assertThrows(RequestRefusedException.class, () -> JsonBody.parse("{")).status());
    assertEquals(
        400, assertThrows(RequestRefusedException.class, () -> JsonBody.parse("{} {}")).status());
    assertEquals(
        422, assertThrows(RequestRefusedException.class, () -> JsonBody.parse("")).status());
    assertEquals(
        422, assertThrows(RequestRefusedException.class, () -> JsonBody.parse("[]")).status());
    assertFalse(JsonBody.parseOrEmpty("").has("anything"));
  }

  @Test
  void arraysOfStringsAndInts() {
    JsonBody body =
        JsonBody.parse("{\"topics\":[\"a\",\"b\"],\"partitions\":[0,2],\"bad\":[1,\"x\"]}");

    assertEquals(List.of("a", "b"), body.requiredStrings("topics"));
    assertEquals(List.of(0, 2), body.optionalInts("partitions"));
    assertNull(body.optionalInts("absent"));
    assertEquals("bad[1] must be a whole number.", refusal(() -> body.optionalInts("bad")));
  }
}
