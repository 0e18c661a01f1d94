package org.tributary.console.topics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.tributary.log.PartitionLogs;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicMetadata;

/** Reads topics with their partitions' offsets and sizes from the core. */
@ApplicationScoped
public class TopicSummaries {

  @Inject TopicCatalog catalog;
  @Inject PartitionLogs logs;

  public List<TopicSummary> all() {
    return catalog.list().stream().map(this::summarize).toList();
  }

  public Optional<TopicSummary> find(String name) {
    return name == null ? Optional.empty() : catalog.find(name).map(this::summarize);
  }

  private TopicSummary summarize(TopicMetadata topic) {
    return new TopicSummary(
        topic,
        logs.offsets(topic.name()).stream()
            .map(
                p ->
                    new TopicSummary.PartitionSummary(
                        p.partition(),
                        p.logStartOffset(),
                        p.lastStableOffset(),
                        logs.sizeInBytes(topic.name(), p.partition())))
            .toList());
  }
}
