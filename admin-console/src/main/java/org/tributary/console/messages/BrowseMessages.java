package org.tributary.console.messages;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;
import org.tributary.clients.ClientActivity;
import org.tributary.clients.ClientIdentity;
import org.tributary.clients.ClientKind;
import org.tributary.console.navigation.DateTimeInput;
import org.tributary.console.navigation.Messages;
import org.tributary.console.security.ChangeAction;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;
import org.tributary.log.FetchResult;
import org.tributary.log.NewRecord;
import org.tributary.log.PartitionLogs;
import org.tributary.log.PartitionOffsets;
import org.tributary.log.RecordMetadata;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicMetadata;

/**
 * Backs the message browser: a page of records from where the operator chose to start, paging both
 * ways, a filter over the scanned range, a live tail, produce, and export of what is shown.
 */
@Named
@ViewScoped
public class BrowseMessages implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final int READ_BYTES = 1024 * 1024;
  private static final int SCAN_LIMIT = 10_000;
  private static final int TAIL_KEEP = 500;

  /** Where a browse starts. */
  public enum Start {
    EARLIEST,
    LATEST,
    OFFSET,
    TIMESTAMP
  }

  @Inject TopicCatalog catalog;
  @Inject PartitionLogs logs;
  @Inject ClientActivity clients;

  private String topicName;
  private TopicMetadata topic;
  private Integer partition;
  private Start start = Start.LATEST;
  private Long offset;
  private String datetime;
  private int pageSize = 20;
  private String filter;
  private ValueView view = ValueView.TEXT;
  private boolean tailing;

  private Map<Integer, Long> cursor = Map.of();
  private Map<Integer, Long> next = Map.of();
  private final Deque<Map<Integer, Long>> history = new ArrayDeque<>();
  private Map<Integer, Long> tailFrom = Map.of();
  private List<ShownRecord> records = List.of();
  private long scanned;

  private String produceKey;
  private String produceValue;
  private String produceHeaders;
  private Integer producePartition;

  /** The view action: the topic named in the URL, showing its latest records. */
  public void load() {
    topic = topicName == null ? null : catalog.find(topicName).orElse(null);
    if (topic != null) {
      go();
    }
  }

  public void go() {
    Messages.reportingRefusals(
        () -> {
          cursor = startOffsets();
          history.clear();
          readPage();
        });
  }

  public void newer() {
    Messages.reportingRefusals(
        () -> {
          history.push(cursor);
          cursor = next;
          readPage();
        });
  }

  public void older() {
    Messages.reportingRefusals(this::readOlder);
  }

  private void readOlder() {
    if (!history.isEmpty()) {
      cursor = history.pop();
    } else {
      long step = Math.max(1, (pageSize + partitions().size() - 1) / partitions().size());
      Map<Integer, Long> back = new HashMap<>();
      cursor.forEach((p, at) -> back.put(p, Math.max(bounds(p).logStartOffset(), at - step)));
      cursor = back;
    }
    readPage();
  }

  public boolean isAtStart() {
    return cursor.entrySet().stream()
        .allMatch(e -> e.getValue() <= bounds(e.getKey()).logStartOffset());
  }

  /** Polled while tailing: appends records that arrived since the last look. */
  public void tail() {
    if (tailing && topic != null) {
      Messages.reportingRefusals(this::readTail);
    }
  }

  private void readTail() {
    RecordScan.Page page =
        RecordScan.read(tailFrom, highWatermarks(), TAIL_KEEP, matcher(), SCAN_LIMIT, this::read);
    tailFrom = page.next();
    if (!page.records().isEmpty()) {
      List<ShownRecord> all = new ArrayList<>(records);
      all.addAll(page.records());
      records = List.copyOf(all.subList(Math.max(0, all.size() - TAIL_KEEP), all.size()));
    }
  }

  public void toggleTail() {
    tailing = !tailing;
    if (tailing) {
      tailFrom = highWatermarks();
    }
  }

  @ChangeAction
  public void produce() {
    byte[] key = produceKey == null || produceKey.isEmpty() ? null : utf8(produceKey);
    byte[] value = produceValue == null || produceValue.isEmpty() ? null : utf8(produceValue);
    NewRecord record =
        new NewRecord(producePartition, key, value, HeaderLines.parse(produceHeaders), null);
    RecordMetadata written;
    try {
      written =
          logs.append(topicName, List.of(record))
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS)
              .get(0);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof TributaryException refused
          ? refused
          : new TributaryException(ErrorCode.KAFKA_STORAGE_ERROR, "The record was not stored.", e);
    } catch (TimeoutException e) {
      throw new TributaryException(
          ErrorCode.KAFKA_STORAGE_ERROR, "The record was not confirmed within 30 s.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TributaryException(ErrorCode.KAFKA_STORAGE_ERROR, "Interrupted.", e);
    }
    clients.produced(producer(), topicName, 1, record.keyAndValueSize());
    Messages.info(
        "Produced to partition " + written.partition() + " at offset " + written.offset() + ".",
        null);
    produceKey = null;
    produceValue = null;
    produceHeaders = null;
    if (!tailing) {
      go();
    }
  }

  /** The console as a producer: who is signed in, from where. */
  private static ClientIdentity producer() {
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    Principal user = external.getUserPrincipal();
    return new ClientIdentity(
        ClientKind.PRODUCER,
        user == null ? null : user.getName(),
        "console",
        ((HttpServletRequest) external.getRequest()).getRemoteAddr());
  }

  public StreamedContent getJsonExport() {
    return download("json", "application/json", RecordExport.json(records));
  }

  public StreamedContent getCsvExport() {
    return download("csv", "text/csv", RecordExport.csv(records));
  }

  private StreamedContent download(String extension, String type, byte[] content) {
    return DefaultStreamedContent.builder()
        .name(topicName + "-records." + extension)
        .contentType(type + "; charset=UTF-8")
        .contentLength((long) content.length)
        .stream(() -> new ByteArrayInputStream(content))
        .build();
  }

  public String render(byte[] bytes) {
    return view.render(bytes);
  }

  private void readPage() {
    RecordScan.Page page =
        RecordScan.read(cursor, highWatermarks(), pageSize, matcher(), SCAN_LIMIT, this::read);
    records = page.records();
    next = page.next();
    scanned = page.scanned();
  }

  private RecordScan.Chunk read(int partition, long from) {
    FetchResult fetched = logs.read(topicName, partition, from, READ_BYTES);
    return new RecordScan.Chunk(fetched.records(), fetched.nextOffset());
  }

  private Predicate<ShownRecord> matcher() {
    return filter == null || filter.isBlank() ? r -> true : r -> r.contains(filter.strip());
  }

  private Map<Integer, Long> startOffsets() {
    Map<Integer, Long> starts = new HashMap<>();
    List<Integer> chosen = partitions();
    long perPartition = Math.max(1, (pageSize + chosen.size() - 1) / chosen.size());
    Long millis = start == Start.TIMESTAMP ? timestampMillis() : null;
    for (int p : chosen) {
      PartitionOffsets bounds = bounds(p);
      long wanted =
          switch (start) {
            case EARLIEST -> bounds.logStartOffset();
            case LATEST -> bounds.highWatermark() - perPartition;
            case OFFSET -> requiredOffset();
            case TIMESTAMP ->
                logs.offsetForTimestamp(topicName, p, millis).orElse(bounds.highWatermark());
          };
      starts.put(p, Math.max(bounds.logStartOffset(), Math.min(bounds.highWatermark(), wanted)));
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

  private long timestampMillis() {
    return DateTimeInput.parse(datetime).toEpochMilli();
  }

  private List<Integer> partitions() {
    return partition != null && topic.hasPartition(partition)
        ? List.of(partition)
        : IntStream.range(0, topic.partitions()).boxed().toList();
  }

  private Map<Integer, Long> highWatermarks() {
    Map<Integer, Long> ends = new HashMap<>();
    partitions().forEach(p -> ends.put(p, bounds(p).highWatermark()));
    return ends;
  }

  private PartitionOffsets bounds(int p) {
    return logs.offsets(topicName, p);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  public List<Integer> getPartitionChoices() {
    return topic == null ? List.of() : IntStream.range(0, topic.partitions()).boxed().toList();
  }

  public Start[] getStarts() {
    return Start.values();
  }

  public ValueView[] getViews() {
    return ValueView.values();
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

  public String getFilter() {
    return filter;
  }

  public void setFilter(String filter) {
    this.filter = filter;
  }

  public ValueView getView() {
    return view;
  }

  public void setView(ValueView view) {
    this.view = view == null ? ValueView.TEXT : view;
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

  public boolean isAtEnd() {
    return next.entrySet().stream()
        .allMatch(e -> e.getValue() >= bounds(e.getKey()).highWatermark());
  }

  public String getProduceKey() {
    return produceKey;
  }

  public void setProduceKey(String produceKey) {
    this.produceKey = produceKey;
  }

  public String getProduceValue() {
    return produceValue;
  }

  public void setProduceValue(String produceValue) {
    this.produceValue = produceValue;
  }

  public String getProduceHeaders() {
    return produceHeaders;
  }

  public void setProduceHeaders(String produceHeaders) {
    this.produceHeaders = produceHeaders;
  }

  public Integer getProducePartition() {
    return producePartition;
  }

  public void setProducePartition(Integer producePartition) {
    this.producePartition = producePartition;
  }
}
