package org.tributary.console.messages;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Predicate;
import org.tributary.log.Record;

/**
 * Reads one page of the browser, forward from where a page starts or backward from where one ends,
 * over one or several partitions. Each partition is scanned for records that match the filter, at
 * most {@code scanLimit} records per partition; with several partitions the page keeps the matches
 * closest to where it started (by timestamp), and every partition's bounds say where the
 * neighbouring pages begin: no record is skipped and none is shown twice.
 *
 * <p>The work of a page is bounded by what it reads, not by the offsets it covers: a read steps
 * over a gap (compaction, DeleteRecords, an aborted range) whatever its size, forward to the next
 * stored record or backward to the stored batch before it, and a page makes at most {@link
 * #MAX_READS} reads over all its partitions. Partitions are read in the order of the map given; the
 * page's bounds list first those it did not reach, so paging on reaches every partition.
 */
final class RecordScan {

  /** The reads one page may make, over all its partitions. */
  static final int MAX_READS = 100;

  /**
   * Records of one partition, in offset order. {@code nextOffset}: read forward, where the next
   * read starts; read backward, where the next (older) read ends. No record lies between it and
   * these records.
   */
  record Chunk(List<Record> records, long nextOffset) {}

  /** Records from an offset on, past any gap. */
  @FunctionalInterface
  interface PartitionReader {
    Chunk read(int partition, long offset);
  }

  /** The newest records below an offset, from the stored batch holding or before it. */
  @FunctionalInterface
  interface BackwardReader {
    Chunk readBefore(int partition, long endOffset);
  }

  /**
   * The records shown, oldest first; per partition where this page starts (the next older page ends
   * there) and where the next newer page starts; how many records were looked at; whether a budget
   * stopped the scan of a partition that had more to give (paging on continues it).
   */
  record Page(
      List<ShownRecord> records,
      Map<Integer, Long> start,
      Map<Integer, Long> next,
      long scanned,
      boolean stopped) {}

  private static final Comparator<ShownRecord> BY_TIME =
      Comparator.comparingLong(ShownRecord::timestamp)
          .thenComparingInt(ShownRecord::partition)
          .thenComparingLong(ShownRecord::offset);

  private RecordScan() {}

  /** The first {@code pageSize} matches at or after {@code from}, below {@code end}. */
  static Page forward(
      Map<Integer, Long> from,
      Map<Integer, Long> end,
      int pageSize,
      Predicate<ShownRecord> filter,
      int scanLimit,
      PartitionReader reader) {
    Wanted wanted = new Wanted(pageSize, filter, scanLimit);
    Scans scans =
        scanEach(
            from,
            (partition, offset, reads) ->
                scan(partition, offset, end.get(partition), wanted, reader, reads));
    List<ShownRecord> matches = merge(scans.matches());
    List<ShownRecord> shown = List.copyOf(matches.subList(0, Math.min(pageSize, matches.size())));
    Map<Integer, Long> next = scans.ends();
    for (ShownRecord left : matches.subList(shown.size(), matches.size())) {
      next.merge(left.partition(), left.offset(), Math::min);
    }
    return new Page(
        shown,
        Collections.unmodifiableMap(new LinkedHashMap<>(from)),
        next,
        scans.scanned(),
        scans.stopped());
  }

  /**
   * The last {@code pageSize} matches below {@code end}, at or after {@code logStart}: the page
   * that ends where another (or the log) ends. Each partition is read backward, newest first.
   */
  static Page backward(
      Map<Integer, Long> end,
      Map<Integer, Long> logStart,
      int pageSize,
      Predicate<ShownRecord> filter,
      int scanLimit,
      BackwardReader reader) {
    Wanted wanted = new Wanted(pageSize, filter, scanLimit);
    Scans scans =
        scanEach(
            end,
            (partition, offset, reads) ->
                scanBack(partition, offset, logStart.get(partition), wanted, reader, reads));
    List<ShownRecord> matches = merge(scans.matches());
    int first = Math.max(0, matches.size() - pageSize);
    List<ShownRecord> shown = List.copyOf(matches.subList(first, matches.size()));
    Map<Integer, Long> start = scans.ends();
    for (ShownRecord left : matches.subList(0, first)) {
      start.merge(left.partition(), left.offset() + 1, Math::max);
    }
    for (ShownRecord record : shown) {
      start.merge(record.partition(), record.offset(), Math::min);
    }
    return new Page(
        shown,
        start,
        Collections.unmodifiableMap(new LinkedHashMap<>(end)),
        scans.scanned(),
        scans.stopped());
  }

  /**
   * The partitions' matches as one sequence by timestamp that keeps each partition's own offset
   * order (timestamps a producer chose need not grow with offsets): a page is then a prefix or a
   * suffix of every partition's matches, and the next page's bounds follow from it.
   */
  private static List<ShownRecord> merge(List<List<ShownRecord>> perPartition) {
    List<ShownRecord> merged = new ArrayList<>();
    int[] heads = new int[perPartition.size()];
    PriorityQueue<Integer> next =
        new PriorityQueue<>(
            Comparator.comparing((Integer i) -> perPartition.get(i).get(heads[i]), BY_TIME));
    for (int i = 0; i < perPartition.size(); i++) {
      if (!perPartition.get(i).isEmpty()) {
        next.add(i);
      }
    }
    while (!next.isEmpty()) {
      int i = next.poll();
      merged.add(perPartition.get(i).get(heads[i]++));
      if (heads[i] < perPartition.get(i).size()) {
        next.add(i);
      }
    }
    return merged;
  }

  /**
   * What one partition's scan looks for: up to {@code records} matches, looking at at most {@code
   * scanLimit}.
   */
  private record Wanted(int records, Predicate<ShownRecord> filter, int scanLimit) {

    /** Whether a scan that found {@code matches} after looking at {@code looked} goes on. */
    boolean more(List<ShownRecord> matches, int looked) {
      return matches.size() < records && looked < scanLimit;
    }
  }

  /**
   * One partition's matches, oldest first; where its scan ended; how many records it looked at;
   * whether a budget stopped it with more to give.
   */
  private record Scan(List<ShownRecord> matches, long end, int looked, boolean stopped) {}

  @FunctionalInterface
  private interface PartitionScan {
    Scan scan(int partition, long offset, Reads reads);
  }

  /**
   * Every partition's scan, in the map's order, sharing the page's reads; {@code ends} lists first
   * the partitions that got no read, so the next page reads them first.
   */
  private record Scans(
      List<List<ShownRecord>> matches, Map<Integer, Long> ends, long scanned, boolean stopped) {}

  private static Scans scanEach(Map<Integer, Long> bounds, PartitionScan scanner) {
    Reads reads = new Reads();
    List<List<ShownRecord>> matches = new ArrayList<>();
    Map<Integer, Long> unread = new LinkedHashMap<>();
    Map<Integer, Long> read = new LinkedHashMap<>();
    long scanned = 0;
    boolean stopped = false;
    for (Map.Entry<Integer, Long> bound : bounds.entrySet()) {
      int before = reads.left;
      Scan scan = scanner.scan(bound.getKey(), bound.getValue(), reads);
      matches.add(scan.matches());
      (reads.left == before ? unread : read).put(bound.getKey(), scan.end());
      scanned += scan.looked();
      stopped |= scan.stopped();
    }
    unread.putAll(read);
    return new Scans(matches, unread, scanned, stopped);
  }

  /** The reads a page has left, shared by its partitions. */
  private static final class Reads {
    private int left = MAX_READS;

    boolean take() {
      if (left == 0) {
        return false;
      }
      left--;
      return true;
    }
  }

  /** Forward from {@code offset}, below {@code stop}. */
  private static Scan scan(
      int partition, long offset, long stop, Wanted wanted, PartitionReader reader, Reads reads) {
    List<ShownRecord> matches = new ArrayList<>();
    int looked = 0;
    while (offset < stop && wanted.more(matches, looked) && reads.take()) {
      Chunk chunk = reader.read(partition, offset);
      if (chunk.records().isEmpty() && chunk.nextOffset() <= offset) {
        break;
      }
      for (Record record : chunk.records()) {
        if (record.offset() < offset) {
          continue;
        }
        if (!wanted.more(matches, looked) || record.offset() >= stop) {
          break;
        }
        looked++;
        offset = record.offset() + 1;
        ShownRecord shown = ShownRecord.of(partition, record);
        if (wanted.filter().test(shown)) {
          matches.add(shown.trimmed());
        }
      }
      if (wanted.more(matches, looked)) {
        offset = Math.max(offset, Math.min(chunk.nextOffset(), stop));
      }
    }
    return new Scan(matches, offset, looked, matches.size() < wanted.records() && offset < stop);
  }

  /**
   * Backward from {@code end}, down to {@code floor}, newest first; the scan ends at the oldest
   * offset it covered, so the records from there up to {@code end} were all looked at.
   */
  private static Scan scanBack(
      int partition, long end, long floor, Wanted wanted, BackwardReader reader, Reads reads) {
    List<ShownRecord> matches = new ArrayList<>();
    int looked = 0;
    long low = end;
    while (low > floor && wanted.more(matches, looked) && reads.take()) {
      long before = low;
      Chunk chunk = reader.readBefore(partition, low);
      long older = chunk.nextOffset();
      List<Record> records = chunk.records();
      for (int i = records.size() - 1; i >= 0; i--) {
        Record record = records.get(i);
        if (record.offset() >= low || record.offset() < floor) {
          continue;
        }
        if (!wanted.more(matches, looked)) {
          older = low; // the rest of the chunk is for the next page
          break;
        }
        looked++;
        low = record.offset();
        ShownRecord shown = ShownRecord.of(partition, record);
        if (wanted.filter().test(shown)) {
          matches.add(shown.trimmed());
        }
      }
      low = Math.max(floor, Math.min(low, older));
      if (low >= before) {
        break; // nothing older to step to
      }
    }
    Collections.reverse(matches);
    return new Scan(matches, low, looked, matches.size() < wanted.records() && low > floor);
  }
}
