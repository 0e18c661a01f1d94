package org.tributary.console.topics;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What deleting records will make unreadable, shown before it runs: per partition, the records from
 * its log start up to the chosen offset. "Up to the high watermark" is pinned to the high watermark
 * seen when the plan is made, so applying the plan deletes what it showed, even if records arrive
 * meanwhile.
 */
public record RecordDeletionPlan(String topic, List<Line> lines) implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * @param partition {@code null}: every partition
   * @param beforeOffset {@code null}: each partition's high watermark
   */
  static RecordDeletionPlan of(TopicSummary topic, Integer partition, Long beforeOffset) {
    return new RecordDeletionPlan(
        topic.name(),
        topic.partitionSummaries().stream()
            .filter(p -> partition == null || p.partition() == partition)
            .map(
                p ->
                    new Line(
                        p.partition(),
                        p.logStartOffset(),
                        p.highWatermark(),
                        beforeOffset == null ? p.highWatermark() : beforeOffset))
            .toList());
  }

  /** What the broker's DeleteRecords takes: the offset before which records go, by partition. */
  Map<Integer, Long> beforeOffsets() {
    Map<Integer, Long> offsets = new LinkedHashMap<>();
    lines.forEach(line -> offsets.put(line.partition(), line.beforeOffset()));
    return offsets;
  }

  public long unreadableRecords() {
    return lines.stream().mapToLong(Line::unreadableRecords).sum();
  }

  /**
   * Whether an offset lies past its partition's high watermark now. The broker refuses the whole
   * request then, unless records reach that offset before it is applied.
   */
  public boolean isPastHighWatermark() {
    return lines.stream().anyMatch(Line::isPastHighWatermark);
  }

  /** One partition of the plan. */
  public record Line(int partition, long logStartOffset, long highWatermark, long beforeOffset)
      implements Serializable {

    private static final long serialVersionUID = 1L;

    public long unreadableRecords() {
      return Math.max(0, Math.min(beforeOffset, highWatermark) - logStartOffset);
    }

    public boolean isPastHighWatermark() {
      return beforeOffset > highWatermark;
    }

    /** Which offsets become unreadable, as a person reads it. */
    public String unreadable() {
      if (isPastHighWatermark()) {
        return "none: " + beforeOffset + " is past the high watermark " + highWatermark;
      }
      long records = unreadableRecords();
      if (records == 0) {
        return "nothing: the log already starts at " + logStartOffset;
      }
      return "offsets "
          + logStartOffset
          + " to "
          + (beforeOffset - 1)
          + " ("
          + records
          + (records == 1 ? " record)" : " records)");
    }
  }
}
