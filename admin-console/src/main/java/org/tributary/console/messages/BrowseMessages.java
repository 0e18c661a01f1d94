package org.tributary.console.messages;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.tributary.console.navigation.DateTimeInput;
import org.tributary.console.navigation.Messages;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.log.FetchResult;
import org.tributary.log.PartitionLogs;
import org.tributary.log.PartitionOffsets;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicMetadata;

/**
 * Backs the message browser: a page of records from where the operator chose to start, paging both
 * ways, a filter over the scanned range ({@link RecordFilter}), a live tail (it stops by itself
 * after 10 minutes, so a forgotten tab does not keep its session alive), and what is ticked for a
 * redrive ({@link RedriveSelection}). {@link ExportRecords} exports what it shows.
 */
@Named
@ViewScoped
public class BrowseMessages implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Small: a read shows part of a page, and one that steps over a gap should cost little. */
  private static final int READ_BYTES = 64 * 1024;

  private static final int SCAN_LIMIT = 10_000;
  private static final int TAIL_KEEP = 500;
  private static final Duration TAIL_LIMIT = Duration.ofMinutes(10);

  /** Where a browse starts. */
  public enum Start {
    EARLIEST,
    LATEST,
    OFFSET,
    TIMESTAMP
  }

  @Inject TopicCatalog catalog;
  @Inject PartitionLogs logs;

  private String topicName;
  private TopicMetadata topic;
  private Integer partition;
  private Start start = Start.LATEST;
  private Long offset;
  private String datetime;
  private int pageSize = 20;
  private final BrowseFilter filter = new BrowseFilter();
  private final RedriveSelection redrive = new RedriveSelection();
  private ValueView view = ValueView.TEXT;
  private boolean tailing;
  private Instant tailStarted;

  private Map<Integer, Long> cursor = Map.of();
  private Map<Integer, Long> next = Map.of();
  private Map<Integer, Long> tailFrom = Map.of();
  private List<ShownRecord> records = List.of();
  private long scanned;
  private boolean scanStopped;
  private boolean atStart = true;
  private boolean atEnd = true;

  /** The view action: the topic named in the URL, showing its latest records. */
  public void load() {
    topic = topicName == null ? null : catalog.find(topicName).orElse(null);
    if (topic != null) {
      go();
    }
  }

  /** A page from where the form says to start (the latest records: the page that ends there). */
  public void go() {
    browse(
        () -> {
          List<Integer> chosen = chosenPartitions();
          show(
              start == Start.LATEST
                  ? RecordScan.backward(
                      highWatermarks(chosen),
                      logStarts(chosen),
                      pageSize,
                      matcher(),
                      scanLimit(chosen.size()),
                      this::readBefore)
                  : RecordScan.forward(
                      startOffsets(chosen),
                      highWatermarks(chosen),
                      pageSize,
                      matcher(),
                      scanLimit(chosen.size()),
                      this::read));
        });
  }

  /** The page after this one. */
  public void newer() {
    browse(
        () ->
            show(
                RecordScan.forward(
                    next,
                    highWatermarks(next.keySet()),
                    pageSize,
                    matcher(),
                    scanLimit(next.size()),
                    this::read)));
  }

  /** The page before this one: it ends where this one starts. */
  public void older() {
    browse(
        () ->
            show(
                RecordScan.backward(
                    cursor,
                    logStarts(cursor.keySet()),
                    pageSize,
                    matcher(),
                    scanLimit(cursor.size()),
                    this::readBefore)));
  }

  /** Polled while tailing: appends records that arrived since the last look. */
  public void tail() {
    if (!tailing || topic == null) {
      return;
    }
    if (Duration.between(tailStarted, Instant.now()).compareTo(TAIL_LIMIT) > 0) {
      tailing = false;
      Messages.info(
          "Live tail stopped after " + TAIL_LIMIT.toMinutes() + " minutes.",
          "Start it again to go on.");
      return;
    }
    browse(
        () -> {
          RecordScan.Page page =
              RecordScan.forward(
                  tailFrom,
                  highWatermarks(tailFrom.keySet()),
                  TAIL_KEEP,
                  matcher(),
                  scanLimit(tailFrom.size()),
                  this::read);
          tailFrom = page.next();
          if (!page.records().isEmpty()) {
            List<ShownRecord> all = new ArrayList<>(records);
            all.addAll(page.records());
            records = List.copyOf(all.subList(Math.max(0, all.size() - TAIL_KEEP), all.size()));
            redrive.showing(records);
          }
        });
  }

  public void toggleTail() {
    tailing = !tailing;
    if (tailing) {
      browse(
          () -> {
            tailFrom = highWatermarks(chosenPartitions());
            tailStarted = Instant.now();
          });
    }
  }

  /** After a produce from this page: the records again, unless the tail brings them anyway. */
  void refresh() {
    if (!tailing) {
      go();
    }
  }

  /** The shown record with its whole value: read again if it was cut for the page. */
  ShownRecord complete(ShownRecord record) {
    return record.isComplete()
        ? record
        : logs.read(topicName, record.partition(), record.offset(), 1).records().stream()
            .filter(full -> full.offset() == record.offset())
            .findFirst()
            .map(full -> ShownRecord.of(record.partition(), full))
            .orElse(record);
  }

  public String render(ShownRecord record) {
    return view.render(record.value(), record.valueSize());
  }

  /**
   * Runs a read; a refusal becomes a message, and a topic deleted meanwhile ends the browsing (the
   * page then says there is no such topic).
   */
  private void browse(Runnable read) {
    try {
      read.run();
    } catch (TributaryException refused) {
      if (refused.code() == ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
          && catalog.find(topicName).isEmpty()) {
        topic = null;
        tailing = false;
      }
      if (refused.code() == ErrorCode.REQUEST_TIMED_OUT) {
        tailing = false; // a runaway filter would cost every poll its whole budget again
      }
      Messages.error(refused.getMessage(), refused.code().name());
    }
  }

  private void show(RecordScan.Page page) {
    records = page.records();
    redrive.showing(records);
    redrive.clear();
    cursor = page.start();
    next = page.next();
    scanned = page.scanned();
    scanStopped = page.stopped();
    atStart =
        cursor.entrySet().stream()
            .allMatch(e -> e.getValue() <= bounds(e.getKey()).logStartOffset());
    atEnd =
        next.entrySet().stream()
            .allMatch(e -> e.getValue() >= bounds(e.getKey()).lastStableOffset());
  }

  private RecordScan.Chunk read(int partition, long from) {
    FetchResult fetched = logs.read(topicName, partition, from, READ_BYTES);
    return new RecordScan.Chunk(fetched.records(), fetched.nextOffset());
  }

  private RecordScan.Chunk readBefore(int partition, long end) {
    FetchResult fetched = logs.readBefore(topicName, partition, end, READ_BYTES);
    return new RecordScan.Chunk(fetched.records(), fetched.nextOffset());
  }

  private Predicate<ShownRecord> matcher() {
    return filter.matcher();
  }

  /** The scan budget of one request, shared by the partitions it reads. */
  private int scanLimit(int partitions) {
    return Math.max(pageSize, SCAN_LIMIT / Math.max(1, partitions));
  }

  private Map<Integer, Long> startOffsets(List<Integer> chosen) {
    Map<Integer, Long> starts = new LinkedHashMap<>();
    Long millis = start == Start.TIMESTAMP ? DateTimeInput.parse(datetime).toEpochMilli() : null;
    for (int p : chosen) {
      PartitionOffsets bounds = bounds(p);
      long wanted =
          switch (start) {
            case EARLIEST, LATEST -> bounds.logStartOffset();
            case OFFSET -> requiredOffset();
            case TIMESTAMP ->
                logs.offsetForTimestamp(topicName, p, millis).orElse(bounds.lastStableOffset());
          };
      starts.put(p, bounds.clamp(wanted));
    }
    return starts;
  }

  private long requiredOffset() {
    if (offset == null || offset < 0) {
      throw new TributaryException(
          ErrorCode.INVALID_REQUEST, "Enter an offset of 0 or more to start from.");
    }
    return offset;
  }

  private List<Integer> chosenPartitions() {
    return partition != null && topic.hasPartition(partition)
        ? List.of(partition)
        : IntStream.range(0, topic.partitions()).boxed().toList();
  }

  private Map<Integer, Long> highWatermarks(Collection<Integer> partitions) {
    Map<Integer, Long> ends = new LinkedHashMap<>();
    partitions.forEach(p -> ends.put(p, bounds(p).lastStableOffset()));
    return ends;
  }

  private Map<Integer, Long> logStarts(Collection<Integer> partitions) {
    Map<Integer, Long> starts = new LinkedHashMap<>();
    partitions.forEach(p -> starts.put(p, bounds(p).logStartOffset()));
    return starts;
  }

  private PartitionOffsets bounds(int p) {
    return logs.offsets(topicName, p);
  }

  public List<Integer> getPartitionChoices() {
    return topic == null ? List.of() : IntStream.range(0, topic.partitions()).boxed().toList();
  }

  public TopicMetadata getTopic() {
    return topic;
  }

  public String getTopicName() {
    return topicName;
  }

  public void setTopicName(String topicName) {
    this.topicName = topicName;
  }

  public Integer getPartition() {
    return partition;
  }

  public void setPartition(Integer partition) {
    this.partition = partition;
  }

  public Start getStart() {
    return start;
  }

  public void setStart(Start start) {
    this.start = start;
  }

  public Long getOffset() {
    return offset;
  }

  public void setOffset(Long offset) {
    this.offset = offset;
  }

  public String getDatetime() {
    return datetime;
  }

  public void setDatetime(String datetime) {
    this.datetime = datetime;
  }

  public int getPageSize() {
    return pageSize;
  }

  public void setPageSize(int pageSize) {
    this.pageSize = Math.max(1, Math.min(500, pageSize));
  }

  public BrowseFilter getFilter() {
    return filter;
  }

  public ValueView getView() {
    return view;
  }

  public void setView(ValueView view) {
    this.view = view == null ? ValueView.TEXT : view;
  }

  public RedriveSelection getRedrive() {
    return redrive;
  }

  public boolean isTailing() {
    return tailing;
  }

  public List<ShownRecord> getRecords() {
    return records;
  }

  public long getScanned() {
    return scanned;
  }

  /** Whether a scan budget stopped this page before it was full; paging on goes on from there. */
  public boolean isScanStopped() {
    return scanStopped;
  }

  public boolean isAtEnd() {
    return atEnd;
  }

  public boolean isAtStart() {
    return atStart;
  }
}
