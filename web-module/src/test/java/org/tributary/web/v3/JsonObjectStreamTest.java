package org.tributary.web.v3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.tributary.web.error.RequestRefusedException;

class JsonObjectStreamTest {

  private static JsonObjectStream stream(String body, int max) {
    return new JsonObjectStream(
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), max);
  }

  @Test
  void splitsConcatenatedObjectsWhateverTheWhitespaceBetween() {
    JsonObjectStream objects = stream(" {\"a\":1}\n\n{\"b\":{\"c\":[1,{}]}}{\"d\":2} ", 1000);

    assertEquals("{\"a\":1}", objects.next());
    assertEquals("{\"b\":{\"c\":[1,{}]}}", objects.next());
    assertEquals("{\"d\":2}", objects.next());
    assertNull(objects.next());
  }

  @Test
  void bracesInsideStringsAndEscapedQuotesDoNotEndAnObject() {
    JsonObjectStream objects = stream("{\"s\":\"}{\\\"}\"} {\"t\":\"\\\\\"}", 1000);

    assertEquals("{\"s\":\"}{\\\"}\"}", objects.next());
    assertEquals("{\"t\":\"\\\\\"}", objects.next());
    assertNull(objects.next());
  }

  @Test
  void reportsWhetherMoreInputIsAlreadyThere() {
    JsonObjectStream objects = stream("{\"a\":1} {\"b\":2}", 1000);

    objects.next();
    assertTrue(objects.hasBufferedInput());
    objects.next();
    assertFalse(objects.hasBufferedInput());
  }

  @Test
  void refusesAnythingButObjectsTruncatedObjectsAndOversizedObjects() {
    assertEquals(
        400, assertThrows(RequestRefusedException.class, () -> stream("[1]", 100).next()).status());
    assertEquals(
        400,
        assertThrows(RequestRefusedException.class, () -> stream("{\"a\":", 100).next()).status());
    RequestRefusedException tooLarge =
        assertThrows(
            RequestRefusedException.class, () -> stream("{\"a\":\"0123456789\"}", 8).next());
    assertEquals(41302, tooLarge.errorCode());
  }
}
