package org.tributary.console.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tributary.log.Header;

class RedriveSelectionTest {

  private static ShownRecord record(long offset, Header... headers) {
    return new ShownRecord(0, offset, 0, null, null, 0, List.of(headers));
  }

  private static Header header(String name, String value) {
    return new Header(name, value.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void isOfferedWhenAShownRecordCarriesTheDeadLetterTopicHeaderWhateverTheTopicIsCalled() {
    RedriveSelection selection = new RedriveSelection();
    selection.showing(
        List.of(
            record(0, header("trace", "t")), record(1, header("tributary.dlt.topic", "orders"))));
    assertTrue(selection.isOffered());
  }

  @Test
  void isNotOfferedForRecordsWithoutIt() {
    RedriveSelection selection = new RedriveSelection();
    selection.showing(
        List.of(record(0, header("trace", "t")), record(1, header("tributary.dlt.reason", "x"))));
    assertFalse(selection.isOffered());
    selection.showing(List.of());
    assertFalse(selection.isOffered());
  }

  @Test
  void tickedAreTheShownRecordsTickedUntilCleared() {
    RedriveSelection selection = new RedriveSelection();
    List<ShownRecord> shown = List.of(record(4), record(5), record(6));
    selection.getTicked().put("0-5", true);
    selection.getTicked().put("0-6", false);
    selection.getTicked().put("0-9", true);
    assertEquals(List.of(shown.get(1)), selection.tickedAmong(shown));
    selection.clear();
    assertEquals(List.of(), selection.tickedAmong(shown));
  }
}
