package org.tributary.console.messages;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 */
final class RecordScan {

  /** Records of one partition from an offset; {@code nextOffset} is where to go on. */
  record Chunk(List<Record> records, long nextOffset) {}

  @FunctionalInterface
  interface PartitionReader {
    Chunk read(int partition, long offset);
  }

  /**
   * The records shown, oldest first; per partition where this page starts (the next older page ends
   * there) and where the next newer page starts; how many records were looked at.
   */
  record Page(
      List<ShownRecord> records, Map<Integer, Long> start, Map<Integer, Long> next, long scanned) {}

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
    List<List<ShownRecord>> perPartition = new ArrayList<>();
    Map<Integer, Long> scanEnd = new HashMap<>();
    long scanned = 0;
    for (Map.Entry<Integer, Long> start : from.entrySet()) {
      int partition = start.getKey();
      Scan scan =
          scan(
              partition, start.getValue(), end.get(partition), pageSize, filter, scanLimit, reader);
      perPartition.add(scan.matches());
      scanEnd.put(partition, scan.end());
      scanned += scan.looked();
    }
    List<ShownRecord> matches = merge(perPartition);
    List<ShownRecord> shown = List.copyOf(matches.subList(0, Math.min(pageSize, matches.size())));
    Map<Integer, Long> next = new HashMap<>(scanEnd);
    for (ShownRecord left : matches.subList(shown.size(), matches.size())) {
      next.merge(left.partition(), left.offset(), Math::min);
    }
    return new Page(shown, Map.copyOf(from), next, scanned);
  }

  /**
   * The last {@code pageSize} matches below {@code end}, at or after {@code logStart}: the page
   * that ends where another (or the log) ends. Each partition is walked back in steps of {@code
   * pageSize} offsets.
   */
  static Page backward(
      Map<Integer, Long> end,
      Map<Integer, Long> logStart,
      int pageSize,
      Predicate<ShownRecord> filter,
      int scanLimit,
      PartitionReader reader) {
    List<List<ShownRecord>> perPartition = new ArrayList<>();
    Map<Integer, Long> scanStart = new HashMap<>();
    long scanned = 0;
    for (Map.Entry<Integer, Long> last : end.entrySet()) {
      int partition = last.getKey();
      long low = last.getValue();
      long floor = logStart.get(partition);
      List<ShownRecord> found = new ArrayList<>();
      int looked = 0;
      while (low > floor && found.size() < pageSize && looked < scanLimit) {
        // A whole step at a time (at most pageSize offsets): a scan cut short would leave a gap.
        long from = Math.max(floor, low - pageSize);
        Scan step =
            scan(partition, from, low, Integer.MAX_VALUE, filter, Integer.MAX_VALUE, reader);
        found.addAll(0, step.matches());
        looked += step.looked();
        low = from;
      }
      perPartition.add(found);
      scanStart.put(partition, low);
      scanned += looked;
    }
    List<ShownRecord> matches = merge(perPartition);
    int first = Math.max(0, matches.size() - pageSize);
    List<ShownRecord> shown = List.copyOf(matches.subList(first, matches.size()));
    Map<Integer, Long> start = new HashMap<>(scanStart);
    Map<Integer, Long> next = new HashMap<>(end);
    for (ShownRecord left : matches.subList(0, first)) {
      start.merge(left.partition(), left.offset() + 1, Math::max);
    }
    for (ShownRecord record : shown) {
      start.merge(record.partition(), record.offset(), Math::min);
    }
    return new Page(shown, start, next, scanned);
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

  /** One partition's matches from {@code offset} below {@code stop}; where the scan ended. */
  private record Scan(List<ShownRecord> matches, long end, int looked) {}

  private static Scan scan(
      int partition,
      long offset,
      long stop,
      int wanted,
      Predicate<ShownRecord> filter,
      int scanLimit,
      PartitionReader reader) {
    List<ShownRecord> matches = new ArrayList<>();
    int looked = 0;
    while (offset < stop && matches.size() < wanted && looked < scanLimit) {
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
}
