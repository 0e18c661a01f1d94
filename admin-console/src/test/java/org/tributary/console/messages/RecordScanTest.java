package org.tributary.console.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.tributary.log.Record;

class RecordScanTest {

  /** Partition p holds records at the given offsets, timestamps = offset * 10 + p. */
  private static SparseLog log(Map<Integer, List<Long>> offsets, int chunk) {
    SparseLog log = new SparseLog(chunk);
    offsets.forEach((partition, stored) -> log.with(partition, stored.stream().mapToLong(o -> o)));
    return log;
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
            Map.of(0, 0L),
            Map.of(0, 1L),
            10,
            RecordFilter.of(
                    RecordFilter.Field.ANY,
                    null,
                    RecordFilter.Operator.CONTAINS,
                    "NEEDLE",
                    java.time.Clock.systemUTC(),
                    java.time.Duration.ofSeconds(1))
                .matcher(),
            100,
            reader);
    ShownRecord shown = page.records().get(0);
    assertEquals(ValueView.LIMIT, shown.value().length);
    assertEquals(value.length, shown.valueSize());
    assertEquals(false, shown.isComplete());
    String rendered = ValueView.TEXT.render(shown.value(), shown.valueSize());
    assertEquals(true, rendered.endsWith("… 1000 more bytes (export to see them all)"), rendered);
  }

  /**
   * Partitions as sets of offsets (timestamps = offset * 10 + partition) with any gaps, as
   * compaction or DeleteRecords leave them; a read returns at most {@code chunk} records and steps
   * over gaps as the core's reads do. Counts the reads made of it.
   */
  private static final class SparseLog
      implements RecordScan.PartitionReader, RecordScan.BackwardReader {
    private final Map<Integer, NavigableSet<Long>> offsets = new HashMap<>();
    private final int chunk;
    int reads;

    SparseLog(int chunk) {
      this.chunk = chunk;
    }

    SparseLog with(int partition, LongStream stored) {
      stored.forEach(offsets.computeIfAbsent(partition, p -> new TreeSet<>())::add);
      return this;
    }

    @Override
    public RecordScan.Chunk read(int partition, long from) {
      reads++;
      List<Record> records =
          offsets.get(partition).tailSet(from, true).stream()
              .limit(chunk)
              .map(offset -> record(partition, offset))
              .toList();
      return new RecordScan.Chunk(
          records,
          records.isEmpty() ? Long.MAX_VALUE : records.get(records.size() - 1).offset() + 1);
    }

    @Override
    public RecordScan.Chunk readBefore(int partition, long end) {
      reads++;
      List<Long> below = new ArrayList<>(offsets.get(partition).headSet(end, false));
      List<Long> newest = below.subList(Math.max(0, below.size() - chunk), below.size());
      return new RecordScan.Chunk(
          newest.stream().map(offset -> record(partition, offset)).toList(),
          newest.size() < below.size() ? newest.get(0) : 0);
    }

    private static Record record(int partition, long offset) {
      return new Record(
          offset,
          offset * 10 + partition,
          null,
          ("v" + partition + "-" + offset).getBytes(StandardCharsets.UTF_8),
          List.of(),
          10);
    }
  }

  private static List<Long> offsets(RecordScan.Page page) {
    return page.records().stream().map(ShownRecord::offset).toList();
  }

  private static final long GAP = 1_000_000;

  /** Records at offsets 0 to 9, then none for a million offsets, then five more. */
  private static SparseLog aMillionOffsetGapAfterTen() {
    return new SparseLog(100)
        .with(0, LongStream.range(0, 10))
        .with(0, LongStream.range(GAP + 10, GAP + 15));
  }

  @Test
  void theLatestPageStepsOverAMillionEmptyOffsetsInAFewReads() {
    SparseLog log = aMillionOffsetGapAfterTen();
    RecordScan.Page latest =
        RecordScan.backward(Map.of(0, GAP + 15), Map.of(0, 0L), 10, r -> true, 10_000, log);
    assertEquals(
        List.of(5L, 6L, 7L, 8L, 9L, GAP + 10, GAP + 11, GAP + 12, GAP + 13, GAP + 14),
        offsets(latest));
    assertEquals(false, latest.stopped());
    assertTrue(log.reads <= 4, log.reads + " reads");

    log.reads = 0;
    RecordScan.Page older =
        RecordScan.backward(latest.start(), Map.of(0, 0L), 10, r -> true, 10_000, log);
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L), offsets(older));
    assertEquals(Map.of(0, 0L), older.start());
    assertTrue(log.reads <= 4, log.reads + " reads");
  }

  @Test
  void aPageForwardStepsOverAMillionEmptyOffsetsInAFewReads() {
    SparseLog log = aMillionOffsetGapAfterTen();
    RecordScan.Page page =
        RecordScan.forward(Map.of(0, 5L), Map.of(0, GAP + 15), 8, r -> true, 10_000, log);
    assertEquals(List.of(5L, 6L, 7L, 8L, 9L, GAP + 10, GAP + 11, GAP + 12), offsets(page));
    assertEquals(Map.of(0, GAP + 13), page.next());
    assertTrue(log.reads <= 2, log.reads + " reads");
  }

  @Test
  void aFilterThatMatchesNothingStopsWithinItsBudgetOnASparseLog() {
    // Compaction left one record per 10,000 offsets.
    SparseLog log = new SparseLog(100).with(0, LongStream.range(0, 1_000).map(i -> i * 10_000));
    long end = 1_000 * 10_000L;
    RecordScan.Page latest =
        RecordScan.backward(Map.of(0, end), Map.of(0, 0L), 20, r -> false, 500, log);
    assertEquals(List.of(), offsets(latest));
    assertEquals(500, latest.scanned());
    assertEquals(true, latest.stopped());
    assertEquals(Map.of(0, 500 * 10_000L), latest.start());
    assertTrue(log.reads <= 5, log.reads + " reads");

    log.reads = 0;
    RecordScan.Page first =
        RecordScan.forward(Map.of(0, 0L), Map.of(0, end), 20, r -> false, 500, log);
    assertEquals(List.of(), offsets(first));
    assertEquals(true, first.stopped());
    assertEquals(Map.of(0, 499 * 10_000L + 1), first.next());
    assertTrue(log.reads <= 5, log.reads + " reads");
  }

  @Test
  void aPageOfManyPartitionsReadsABoundedNumberOfThemAndPagingOnShowsEveryRecordOnce() {
    SparseLog log = new SparseLog(100);
    Map<Integer, Long> starts = new HashMap<>();
    Map<Integer, Long> ends = new HashMap<>();
    for (int p = 0; p < 1_000; p++) {
      log.with(p, LongStream.of(p * 1_000L, p * 1_000L + 1));
      starts.put(p, 0L);
      ends.put(p, 1_000_000L);
    }

    List<String> forward =
        pageThrough(
            log,
            starts,
            ends,
            from -> RecordScan.forward(from, ends, 20, r -> true, 20, log),
            RecordScan.Page::next);
    assertEquals(2_000, forward.size());
    assertEquals(2_000, forward.stream().distinct().count());

    List<String> backward =
        pageThrough(
            log,
            ends,
            starts,
            end -> RecordScan.backward(end, starts, 20, r -> true, 20, log),
            RecordScan.Page::start);
    assertEquals(2_000, backward.size());
    assertEquals(2_000, backward.stream().distinct().count());
  }

  /**
   * The records of the pages from {@code first} on until the bounds reach {@code last} (at most 200
   * pages), each page full and within its reads.
   */
  private static List<String> pageThrough(
      SparseLog log,
      Map<Integer, Long> first,
      Map<Integer, Long> last,
      Function<Map<Integer, Long>, RecordScan.Page> read,
      Function<RecordScan.Page, Map<Integer, Long>> onwards) {
    List<String> seen = new ArrayList<>();
    Map<Integer, Long> bounds = first;
    for (int page = 0; page < 200 && !bounds.equals(last); page++) {
      log.reads = 0;
      RecordScan.Page shown = read.apply(bounds);
      assertTrue(log.reads <= RecordScan.MAX_READS, log.reads + " reads on page " + page);
      assertEquals(20, shown.records().size());
      shown.records().forEach(r -> seen.add(r.partition() + "-" + r.offset()));
      bounds = onwards.apply(shown);
    }
    return seen;
  }
}
