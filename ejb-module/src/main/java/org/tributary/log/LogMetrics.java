package org.tributary.log;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Counters of records and bytes produced, fetched and removed, for every producer and consumer
 * (HTTP and in-process alike); Prometheus derives the rates. Bytes are keys, values and headers.
 */
@ApplicationScoped
public class LogMetrics {

  @Inject MetricRegistry registry;

  private Counter producedRecords;
  private Counter producedBytes;
  private Counter fetchedRecords;
  private Counter fetchedBytes;

  @PostConstruct
  void register() {
    producedRecords = counter("tributary.produced.records", "Records appended and durable");
    producedBytes = counter("tributary.produced.bytes", "Bytes of records appended and durable");
    fetchedRecords = counter("tributary.fetched.records", "Records read by consumers");
    fetchedBytes = counter("tributary.fetched.bytes", "Bytes of records read by consumers");
  }

  void produced(int records, long bytes) {
    producedRecords.inc(records);
    producedBytes.inc(bytes);
  }

  void fetched(int records, long bytes) {
    if (records > 0) {
      fetchedRecords.inc(records);
      fetchedBytes.inc(bytes);
    }
  }

  /** Batches, records and bytes that retention, compaction or DeleteRecords removed. */
  void removed(CleaningRun run) {
    Tag reason = new Tag("reason", run.kind().tag());
    counter("tributary.log.removed.batches", "Stored batches removed", reason)
        .inc(run.batchesRemoved());
    counter("tributary.log.removed.records", "Records removed", reason).inc(run.recordsRemoved());
    counter("tributary.log.removed.bytes", "Stored bytes removed", reason)
        .inc(Math.max(0, run.bytesRemoved()));
  }

  private Counter counter(String name, String description, Tag... tags) {
    return registry.counter(
        Metadata.builder().withName(name).withDescription(description).build(), tags);
  }
}
