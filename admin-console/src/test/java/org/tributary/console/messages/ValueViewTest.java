package org.tributary.console.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ValueViewTest {

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void textIsTheUtf8StringAndNullIsSaid() {
    assertEquals("<b>ä</b>", ValueView.TEXT.render(utf8("<b>ä</b>")));
    assertEquals("null", ValueView.TEXT.render(null));
  }

  @Test
  void jsonIsPrettyPrintedAndNonJsonFallsBackToText() {
    assertEquals(
        "{\n    \"a\": [\n        1,\n        2\n    ]\n}",
        ValueView.JSON.render(utf8("{\"a\":[1,2]}")));
    assertEquals(
        "not json\n(not valid JSON: shown as text)", ValueView.JSON.render(utf8("not json")));
  }

  @Test
  void hexShowsOffsetsBytesAndPrintableCharacters() {
    assertEquals(
        "00000000  41 42 0a ff                                      |AB..|",
        ValueView.HEX.render(new byte[] {0x41, 0x42, 0x0a, (byte) 0xff}));
    String twoLines = ValueView.HEX.render(new byte[17]);
    assertTrue(twoLines.contains("\n00000010  00 "), twoLines);
  }

  @Test
  void longValuesAreCutWithAHint() {
    String shown = ValueView.TEXT.render(new byte[ValueView.LIMIT + 10]);
    assertTrue(shown.endsWith("… 10 more bytes (export to see them all)"), shown);
  }

  @Test
  void strictUtf8RefusesMalformedBytes() {
    assertEquals("ok", ValueView.strictUtf8(utf8("ok")));
    assertNull(ValueView.strictUtf8(new byte[] {(byte) 0xc3, 0x28}));
  }
}
