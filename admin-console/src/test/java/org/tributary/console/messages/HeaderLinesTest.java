package org.tributary.console.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tributary.errors.TributaryException;
import org.tributary.log.Header;

class HeaderLinesTest {

  @Test
  void oneHeaderPerLineBlankLinesIgnoredValuesMayHoldColons() {
    assertEquals(
        List.of(
            new Header("source", "console".getBytes(StandardCharsets.UTF_8)),
            new Header("url", "http://x:1".getBytes(StandardCharsets.UTF_8))),
        HeaderLines.parse("source: console\n\nurl: http://x:1\n"));
    assertEquals(List.of(), HeaderLines.parse(null));
  }

  @Test
  void aLineWithoutANameIsRefusedNamingTheLine() {
    TributaryException refused =
        assertThrows(TributaryException.class, () -> HeaderLines.parse("a: 1\nno colon"));
    assertTrue(refused.getMessage().contains("line 2"), refused.getMessage());
  }
}
