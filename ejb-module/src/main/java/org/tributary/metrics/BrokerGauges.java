package org.tributary.metrics;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.tributary.group.GroupCoordinator;
import org.tributary.group.GroupDescription;
import org.tributary.group.PartitionLag;
import org.tributary.log.PartitionLogs;
import org.tributary.log.PartitionOffsets;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicMetadata;

/**
 * Gauges of every partition's size and of groups' lag per partition. The values are taken every few
 * seconds rather than at each scrape, so a scrape costs no database or group work; gauges of
 * deleted topics and forgotten groups are removed. Any consumer-role user can make groups, so the
 * lag gauges are bounded: at most {@code tributary.metrics.max-lag-gauges}, the largest lags first.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BrokerGauges {

  private static final Logger LOG = Logger.getLogger(BrokerGauges.class.getName());
  private static final String PARTITION_RECORDS = "tributary.partition.records";
  private static final String PARTITION_END = "tributary.partition.end.offset";
  private static final String PARTITION_BYTES = "tributary.partition.size.bytes";
  private static final String GROUP_LAG = "tributary.consumer.group.lag";

  private final Map<MetricID, Long> values = new ConcurrentHashMap<>();

  @Inject MetricRegistry registry;
  @Inject TopicCatalog topics;
  @Inject PartitionLogs logs;
  @Inject GroupCoordinator groups;

  @Inject
  @ConfigProperty(name = "tributary.metrics.max-lag-gauges", defaultValue = "1000")
  int maxLagGauges;

  private boolean lagGaugesCapped;

  @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
  void refresh() {
    try {
      Map<MetricID, Long> now = new HashMap<>();
      for (TopicMetadata topic : topics.list()) {
        for (PartitionOffsets partition : logs.offsets(topic.name())) {
          Tag[] tags = {
            new Tag("topic", topic.name()), new Tag("partition", "" + partition.partition())
          };
          now.put(
              new MetricID(PARTITION_RECORDS, tags),
              partition.lastStableOffset() - partition.logStartOffset());
          now.put(new MetricID(PARTITION_END, tags), partition.lastStableOffset());
          now.put(
              new MetricID(PARTITION_BYTES, tags),
              logs.sizeInBytes(topic.name(), partition.partition()));
        }
      }
      Map<MetricID, Long> lags = new HashMap<>();
      for (GroupDescription group : groups.describeAll()) {
        for (PartitionLag lag : group.partitions()) {
          lags.put(
              new MetricID(
                  GROUP_LAG,
                  new Tag("group", group.groupId()),
                  new Tag("topic", lag.topic()),
                  new Tag("partition", "" + lag.partition())),
              lag.lag());
        }
      }
      now.putAll(largest(lags, maxLagGauges));
      if (lags.size() > maxLagGauges && !lagGaugesCapped) {
        LOG.info(
            () ->
                "Consumer groups lag in "
                    + lags.size()
                    + " partitions; gauges are kept for the "
                    + maxLagGauges
                    + " largest lags only (tributary.metrics.max-lag-gauges)");
      }
      lagGaugesCapped = lags.size() > maxLagGauges;
      publish(now);
    } catch (RuntimeException e) {
      // A topic deleted mid-way, for instance: the next round sees a consistent picture.
      LOG.log(Level.FINE, "Gauges not refreshed this round", e);
    }
  }

  /** The {@code cap} entries of largest value; among equal values, by metric id. */
  static Map<MetricID, Long> largest(Map<MetricID, Long> values, int cap) {
    Map<MetricID, Long> kept = new HashMap<>();
    values.entrySet().stream()
        .sorted(
            Map.Entry.<MetricID, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(Math.max(0, cap))
        .forEach(entry -> kept.put(entry.getKey(), entry.getValue()));
    return kept;
  }

  private void publish(Map<MetricID, Long> now) {
    Set<MetricID> gone = new HashSet<>(values.keySet());
    gone.removeAll(now.keySet());
    gone.forEach(
        id -> {
          registry.remove(id);
          values.remove(id);
        });
    now.forEach(
        (id, value) -> {
          if (values.put(id, value) == null) {
            registry.gauge(
                Metadata.builder().withName(id.getName()).withDescription(describe(id)).build(),
                values,
                current -> current.getOrDefault(id, 0L),
                id.getTagsAsArray());
          }
        });
  }

  private static String describe(MetricID id) {
    return switch (id.getName()) {
      case PARTITION_RECORDS -> "Records in the partition (high watermark - log start offset)";
      case PARTITION_END -> "The partition's high watermark";
      case PARTITION_BYTES -> "Bytes of the partition's stored record batches";
      default -> "Records the group has yet to consume in the partition";
    };
  }
}
