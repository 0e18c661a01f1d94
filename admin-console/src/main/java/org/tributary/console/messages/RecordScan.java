package org.tributary.console.messages;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.tributary.log.Record;

/**
 * Reads one page of the browser: from each partition's start offset up to its end, the first {@code
 * pageSize} records that match the filter, scanning at most {@code scanLimit} records per
 * partition. With several partitions the page shows the earliest matches by timestamp; each
 * partition's next start is its first match not shown, or where its scan stopped.
 */
final class RecordScan {

  /** Records of one partition from an offset; {@code nextOffset} is where to go on. */
  record Chunk(List<Record> records, long nextOffset) {}

  @FunctionalInterface
  interface PartitionReader {
    Chunk read(int partition, long offset);
  }

  /** The records shown, where the next page starts, and how many records were looked at. */
  record Page(List<ShownRecord> records, Map<Integer, Long> next, long scanned) {}

  private RecordScan() {}

  static Page read(
      Map<Integer, Long> from,
      Map<Integer, Long> end,
      int pageSize,
      Predicate<ShownRecord> filter,
      int scanLimit,
      PartitionReader reader) {
    List<ShownRecord> matches = new ArrayList<>();
    Map<Integer, Long> scanEnd = new HashMap<>();
    long scanned = 0;
    for (Map.Entry<Integer, Long> start : new TreeMap<>(from).entrySet()) {
      int partition = start.getKey();
      long offset = start.getValue();
      long stop = end.get(partition);
      int found = 0;
      int looked = 0;
      while (offset < stop && found < pageSize && looked < scanLimit) {
        Chunk chunk = reader.read(partition, offset);
        if (chunk.records().isEmpty() && chunk.nextOffset() <= offset) {
          break;
        }
        for (Record record : chunk.records()) {
          if (record.offset() < offset) {
            continue;
          }
          if (found == pageSize || looked == scanLimit || record.offset() >= stop) {
            break;
          }
          looked++;
          offset = record.offset() + 1;
          ShownRecord shown = ShownRecord.of(partition, record);
          if (filter.test(shown)) {
            matches.add(shown);
            found++;
          }
        }
        if (found < pageSize && looked < scanLimit) {
          offset = Math.max(offset, Math.min(chunk.nextOffset(), stop));
        }
      }
      scanned += looked;
      scanEnd.put(partition, offset);
    }
    matches.sort(
        Comparator.comparingLong(ShownRecord::timestamp)
            .thenComparingInt(ShownRecord::partition)
            .thenComparingLong(ShownRecord::offset));
    List<ShownRecord> shown = List.copyOf(matches.subList(0, Math.min(pageSize, matches.size())));
    Map<Integer, Long> next = new HashMap<>(scanEnd);
    for (ShownRecord left : matches.subList(shown.size(), matches.size())) {
      next.merge(left.partition(), left.offset(), Math::min);
    }
    return new Page(shown, next, scanned);
  }
}
