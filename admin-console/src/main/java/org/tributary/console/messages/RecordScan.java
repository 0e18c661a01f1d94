package org.tributary.console.messages;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
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
    Reads reads = new Reads();
    List<List<ShownRecord>> perPartition = new ArrayList<>();
    Map<Integer, Long> scanEnd = new LinkedHashMap<>();
    Set<Integer> unread = new HashSet<>();
    long scanned = 0;
    boolean stopped = false;
    for (Map.Entry<Integer, Long> start : from.entrySet()) {
      int partition = start.getKey();
      long stop = end.get(partition);
      int before = reads.left;
      Scan scan =
          scan(partition, start.getValue(), stop, pageSize, filter, scanLimit, reader, reads);
      perPartition.add(scan.matches());
      scanEnd.put(partition, scan.end());
      scanned += scan.looked();
      stopped |= scan.matches().size() < pageSize && scan.end() < stop;
      if (reads.left == before) {
        unread.add(partition);
      }
    }
    List<ShownRecord> matches = merge(perPartition);
    List<ShownRecord> shown = List.copyOf(matches.subList(0, Math.min(pageSize, matches.size())));
    Map<Integer, Long> next = unreadFirst(scanEnd, unread);
    for (ShownRecord left : matches.subList(shown.size(), matches.size())) {
      next.merge(left.partition(), left.offset(), Math::min);
    }
    return new Page(
        shown, Collections.unmodifiableMap(new LinkedHashMap<>(from)), next, scanned, stopped);
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
    Reads reads = new Reads();
    List<List<ShownRecord>> perPartition = new ArrayList<>();
    Map<Integer, Long> scanStart = new LinkedHashMap<>();
    Set<Integer> unread = new HashSet<>();
    long scanned = 0;
    boolean stopped = false;
    for (Map.Entry<Integer, Long> last : end.entrySet()) {
      int partition = last.getKey();
      long floor = logStart.get(partition);
      int before = reads.left;
      Scan scan =
          scanBack(partition, last.getValue(), floor, pageSize, filter, scanLimit, reader, reads);
      perPartition.add(scan.matches());
      scanStart.put(partition, scan.end());
      scanned += scan.looked();
      stopped |= scan.matches().size() < pageSize && scan.end() > floor;
      if (reads.left == before) {
        unread.add(partition);
      }
    }
    List<ShownRecord> matches = merge(perPartition);
    int first = Math.max(0, matches.size() - pageSize);
    List<ShownRecord> shown = List.copyOf(matches.subList(first, matches.size()));
    Map<Integer, Long> start = unreadFirst(scanStart, unread);
    for (ShownRecord left : matches.subList(0, first)) {
      start.merge(left.partition(), left.offset() + 1, Math::max);
    }
    for (ShownRecord record : shown) {
      start.merge(record.partition(), record.offset(), Math::min);
    }
    return new Page(
        shown, start, Collections.unmodifiableMap(new LinkedHashMap<>(end)), scanned, stopped);
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

  /** The bounds with the partitions a page did not read first: the next page reads them first. */
  private static Map<Integer, Long> unreadFirst(Map<Integer, Long> bounds, Set<Integer> unread) {
    Map<Integer, Long> ordered = new LinkedHashMap<>();
    bounds.forEach(
        (partition, offset) -> {
          if (unread.contains(partition)) {
            ordered.put(partition, offset);
          }
        });
    ordered.putAll(bounds);
    return ordered;
  }

  /** One partition's matches, oldest first; where its scan ended; how many records it looked at. */
  private record Scan(List<ShownRecord> matches, long end, int looked) {}

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
      int partition,
      long offset,
      long stop,
      int wanted,
      Predicate<ShownRecord> filter,
      int scanLimit,
      PartitionReader reader,
      Reads reads) {
    List<ShownRecord> matches = new ArrayList<>();
    int looked = 0;
    while (offset < stop && matches.size() < wanted && looked < scanLimit && reads.take()) {
      Chunk chunk = reader.read(partition, offset);
      if (chunk.records().isEmpty() && chunk.nextOffset() <= offset) {
        break;
      }
      for (Record record : chunk.records()) {
        if (record.offset() < offset) {
          continue;
        }
        if (matches.size() == wanted || looked == scanLimit || record.offset() >= stop) {
          break;
        }
        looked++;
        offset = record.offset() + 1;
        ShownRecord shown = ShownRecord.of(partition, record);
        if (filter.test(shown)) {
          matches.add(shown.trimmed());
        }
      }
      if (matches.size() < wanted && looked < scanLimit) {
        offset = Math.max(offset, Math.min(chunk.nextOffset(), stop));
      }
    }
    return new Scan(matches, offset, looked);
  }

  /**
   * Backward from {@code end}, down to {@code floor}, newest first; the scan ends at the oldest
   * offset it covered, so the records from there up to {@code end} were all looked at.
   */
  private static Scan scanBack(
      int partition,
      long end,
      long floor,
      int wanted,
      Predicate<ShownRecord> filter,
      int scanLimit,
      BackwardReader reader,
      Reads reads) {
    List<ShownRecord> matches = new ArrayList<>();
    int looked = 0;
    long low = end;
    while (low > floor && matches.size() < wanted && looked < scanLimit && reads.take()) {
      long before = low;
      Chunk chunk = reader.readBefore(partition, low);
      long older = chunk.nextOffset();
      List<Record> records = chunk.records();
      for (int i = records.size() - 1; i >= 0; i--) {
        Record record = records.get(i);
        if (record.offset() >= low || record.offset() < floor) {
          continue;
        }
        if (matches.size() == wanted || looked == scanLimit) {
          older = low; // the rest of the chunk is for the next page
          break;
        }
        looked++;
        low = record.offset();
        ShownRecord shown = ShownRecord.of(partition, record);
        if (filter.test(shown)) {
          matches.add(shown.trimmed());
        }
      }
      low = Math.max(floor, Math.min(low, older));
      if (low >= before) {
        break; // nothing older to step to
      }
    }
    Collections.reverse(matches);
    return new Scan(matches, low, looked);
  }
}
