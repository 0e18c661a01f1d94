package org.tributary.console.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tributary.log.Record;

class RecordScanTest {

  /** Partition p holds records at the given offsets, timestamps = offset * 10 + p. */
  private static RecordScan.PartitionReader log(Map<Integer, List<Long>> offsets, int chunk) {
    return (partition, from) -> {
      List<Record> records = new ArrayList<>();
      long next = from;
      for (long offset : offsets.get(partition)) {
        if (offset >= from && records.size() < chunk) {
          records.add(
              new Record(
                  offset,
                  offset * 10 + partition,
                  null,
                  ("v" + partition + "-" + offset).getBytes(StandardCharsets.UTF_8),
                  List.of(),
                  10));
          next = offset + 1;
        }
      }
      return new RecordScan.Chunk(records, records.isEmpty() ? Long.MAX_VALUE : next);
    };
  }

  private static List<String> values(RecordScan.Page page) {
    return page.records().stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
  }

  @Test
  void aPageOfOnePartitionStopsAtThePageSizeAndContinuesAfterIt() {
    var reader = log(Map.of(0, List.of(0L, 1L, 2L, 3L, 4L)), 2);
    RecordScan.Page first =
        RecordScan.forward(Map.of(0, 0L), Map.of(0, 5L), 3, r -> true, 100, reader);
    assertEquals(List.of("v0-0", "v0-1", "v0-2"), values(first));
    assertEquals(Map.of(0, 3L), first.next());

    RecordScan.Page second =
        RecordScan.forward(first.next(), Map.of(0, 5L), 3, r -> true, 100, reader);
    assertEquals(List.of("v0-3", "v0-4"), values(second));
    assertEquals(Map.of(0, 5L), second.next());
  }

  @Test
  void gapsInTheLogAreSkippedAndTheHighWatermarkIsNeverPassed() {
    var reader = log(Map.of(0, List.of(0L, 5L, 6L, 9L)), 10);
    RecordScan.Page page =
        RecordScan.forward(Map.of(0, 1L), Map.of(0, 9L), 10, r -> true, 100, reader);
    assertEquals(List.of("v0-5", "v0-6"), values(page));
    assertEquals(Map.of(0, 9L), page.next());
  }

  @Test
  void severalPartitionsMergeByTimestampAndEachResumesAtItsFirstRecordNotShown() {
    var reader = log(Map.of(0, List.of(0L, 1L, 2L), 1, List.of(0L, 1L, 2L)), 10);
    RecordScan.Page page =
        RecordScan.forward(Map.of(0, 0L, 1, 0L), Map.of(0, 3L, 1, 3L), 3, r -> true, 100, reader);
    assertEquals(List.of("v0-0", "v1-0", "v0-1"), values(page));
    assertEquals(Map.of(0, 2L, 1, 1L), page.next());
  }

  @Test
  void theFilterScansOnAndCountsWhatItLookedAt() {
    var reader = log(Map.of(0, List.of(0L, 1L, 2L, 3L, 4L, 5L)), 2);
    RecordScan.Page page =
        RecordScan.forward(Map.of(0, 0L), Map.of(0, 6L), 10, r -> r.offset() % 2 == 1, 100, reader);
    assertEquals(List.of("v0-1", "v0-3", "v0-5"), values(page));
    assertEquals(6, page.scanned());
  }

  @Test
  void theScanLimitBoundsWorkAndTheNextPageGoesOnFromThere() {
    var reader = log(Map.of(0, List.of(0L, 1L, 2L, 3L, 4L, 5L)), 10);
    RecordScan.Page page =
        RecordScan.forward(Map.of(0, 0L), Map.of(0, 6L), 10, r -> false, 4, reader);
    assertEquals(List.of(), values(page));
    assertEquals(4, page.scanned());
    assertEquals(Map.of(0, 4L), page.next());
  }

  @Test
  void theLatestPageEndsAtTheHighWatermarkAndOlderPagesGoBackToTheLogStart() {
    var reader = log(Map.of(0, List.of(0L, 1L, 2L, 3L, 4L)), 2);
    RecordScan.Page latest =
        RecordScan.backward(Map.of(0, 5L), Map.of(0, 0L), 3, r -> true, 100, reader);
    assertEquals(List.of("v0-2", "v0-3", "v0-4"), values(latest));
    assertEquals(Map.of(0, 2L), latest.start());
    assertEquals(Map.of(0, 5L), latest.next());

    RecordScan.Page older =
        RecordScan.backward(latest.start(), Map.of(0, 0L), 3, r -> true, 100, reader);
    assertEquals(List.of("v0-0", "v0-1"), values(older));
    assertEquals(Map.of(0, 0L), older.start());
  }

  @Test
  void backwardOverSeveralPartitionsKeepsTheNewestAndTheOlderPageHasTheRestExactlyOnce() {
    var reader = log(Map.of(0, List.of(0L, 1L, 2L), 1, List.of(0L, 1L, 2L)), 10);
    Map<Integer, Long> ends = Map.of(0, 3L, 1, 3L);
    Map<Integer, Long> starts = Map.of(0, 0L, 1, 0L);
    RecordScan.Page latest = RecordScan.backward(ends, starts, 3, r -> true, 100, reader);
    assertEquals(List.of("v1-1", "v0-2", "v1-2"), values(latest));
    assertEquals(Map.of(0, 2L, 1, 1L), latest.start());

    RecordScan.Page older = RecordScan.backward(latest.start(), starts, 3, r -> true, 100, reader);
    assertEquals(List.of("v0-0", "v1-0", "v0-1"), values(older));
    assertEquals(Map.of(0, 0L, 1, 0L), older.start());
  }

  @Test
  void backwardWithAFilterWalksBackUntilThePageIsFull() {
    var reader = log(Map.of(0, List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L)), 10);
    RecordScan.Page page =
        RecordScan.backward(
            Map.of(0, 10L), Map.of(0, 0L), 2, r -> r.offset() % 4 == 0, 100, reader);
    assertEquals(List.of("v0-4", "v0-8"), values(page));
    assertEquals(4L, page.start().get(0));
  }

  @Test
  void timestampsThatDoNotGrowWithOffsetsStillGiveEachPartitionAPrefix() {
    RecordScan.PartitionReader reader =
        (partition, from) -> {
          List<Record> records = new ArrayList<>();
          long[] times = partition == 0 ? new long[] {30, 10, 20} : new long[] {15};
          for (int offset = (int) from; offset < times.length; offset++) {
            records.add(new Record(offset, times[offset], null, new byte[0], List.of(), 1));
          }
          return new RecordScan.Chunk(records, times.length);
        };
    RecordScan.Page page =
        RecordScan.forward(Map.of(0, 0L, 1, 0L), Map.of(0, 3L, 1, 1L), 2, r -> true, 100, reader);
    assertEquals(
        List.of("1-0", "0-0"),
        page.records().stream().map(r -> r.partition() + "-" + r.offset()).toList());
    assertEquals(Map.of(0, 1L, 1, 1L), page.next());
  }

  @Test
  void aPageKeepsOnlyTheShownPartOfALongValueButTheFilterSawAllOfIt() {
    byte[] value = new byte[ValueView.LIMIT + 1000];
    java.util.Arrays.fill(value, (byte) 'a');
    byte[] needle = "needle".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(needle, 0, value, value.length - needle.length, needle.length);
    RecordScan.PartitionReader reader =
        (partition, from) ->
            new RecordScan.Chunk(
                from == 0
                    ? List.of(new Record(0, 0, null, value, List.of(), value.length))
                    : List.of(),
                1);
    RecordScan.Page page =
        RecordScan.forward(
            Map.of(0, 0L), Map.of(0, 1L), 10, r -> r.contains("NEEDLE"), 100, reader);
    ShownRecord shown = page.records().get(0);
    assertEquals(ValueView.LIMIT, shown.value().length);
    assertEquals(value.length, shown.valueSize());
    assertEquals(false, shown.isComplete());
    String rendered = ValueView.TEXT.render(shown.value(), shown.valueSize());
    assertEquals(true, rendered.endsWith("… 1000 more bytes (export to see them all)"), rendered);
  }
}
