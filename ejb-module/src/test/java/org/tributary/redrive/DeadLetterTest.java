package org.tributary.redrive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tributary.log.Header;
import org.tributary.log.NewRecord;
import org.tributary.log.Record;

class DeadLetterTest {

  private static Header header(String name, String value) {
    return new Header(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  private static DeadLetter letter(Header... headers) {
    return new DeadLetter(
        new Record(
            7,
            1_000,
            "k".getBytes(StandardCharsets.UTF_8),
            "v".getBytes(StandardCharsets.UTF_8),
            List.of(headers),
            10));
  }

  @Test
  void theOriginalTopicIsTheLastDeadLetterTopicHeader() {
    DeadLetter twice =
        letter(
            header("tributary.dlt.topic", "orders"),
            header("trace", "1"),
            header("tributary.dlt.topic", " payments "));
    assertEquals(Optional.of("payments"), twice.originalTopic());
  }

  @Test
  void aRecordWithoutTheHeaderOrWithABlankOneNamesNoTopic() {
    assertEquals(Optional.empty(), letter(header("trace", "1")).originalTopic());
    assertEquals(Optional.empty(), letter(header("tributary.dlt.topic", " ")).originalTopic());
    assertEquals(Optional.empty(), letter(header("tributary.dlt.topic", null)).originalTopic());
  }

  @Test
  void theRedrivenRecordKeepsKeyValueAndOwnHeadersWithoutTheDeadLetterOnes() {
    NewRecord redriven =
        letter(
                header("trace", "1"),
                header("tributary.dlt.topic", "orders"),
                header("tributary.dlt.exception", "java.lang.IllegalStateException"))
            .redriven();
    assertArrayEquals("k".getBytes(StandardCharsets.UTF_8), redriven.key());
    assertArrayEquals("v".getBytes(StandardCharsets.UTF_8), redriven.value());
    assertEquals(List.of(header("trace", "1")), redriven.headers());
    assertNull(redriven.partition(), "chosen by key on the target topic");
    assertNull(redriven.timestamp(), "a new timestamp");
  }
}
