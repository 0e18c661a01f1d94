package org.tributary.console.topics;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.tributary.log.PartitionLogs;
import org.tributary.log.PartitionOffsets;
import org.tributary.topic.TopicCatalog;

/** Backs the topic list: every topic with its partitions' log start offsets and high watermarks. */
@Named
@RequestScoped
public class ListTopics {

  /** One row of the page. */
  public record Row(String name, int partitions, List<PartitionOffsets> offsets, long records) {}

  @Inject TopicCatalog topics;
  @Inject PartitionLogs logs;

  private List<Row> rows;

  public List<Row> getRows() {
    if (rows == null) {
      rows =
          topics.list().stream()
              .map(
                  topic -> {
                    List<PartitionOffsets> offsets = logs.offsets(topic.name());
                    long records =
                        offsets.stream()
                            .mapToLong(p -> p.highWatermark() - p.logStartOffset())
                            .sum();
                    return new Row(topic.name(), topic.partitions(), offsets, records);
                  })
              .toList();
    }
    return rows;
  }
}
