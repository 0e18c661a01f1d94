package org.tributary.group;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.tributary.log.PartitionLogs;
import org.tributary.log.PartitionOffsets;
import org.tributary.topic.TopicCatalog;
import org.tributary.topic.TopicConfig;
import org.tributary.topic.TopicMetadata;
import org.tributary.topic.TopicPartition;

/** Hand-written, in-memory fakes of the group's collaborators: topics, logs, the offset tables. */
final class GroupFakes {

  private GroupFakes() {}

  /** A monotonic clock that moves only when told. */
  static final class Nanos implements LongSupplier {
    private long now;

    void advance(Duration by) {
      now += by.toNanos();
    }

    @Override
    public long getAsLong() {
      return now;
    }
  }

  static final class Topics extends TopicCatalog {
    private final Map<String, TopicMetadata> byName = new TreeMap<>();

    TopicMetadata put(String name, int partitions) {
      TopicMetadata topic =
          new TopicMetadata(
              byName.size() + 1L, name, partitions, TopicConfig.defaults(), Instant.EPOCH);
      byName.put(name, topic);
      return topic;
    }

    TopicMetadata remove(String name) {
      return byName.remove(name);
    }

    @Override
    public Optional<TopicMetadata> find(String name) {
      return Optional.ofNullable(byName.get(name));
    }

    @Override
    public Collection<TopicMetadata> all() {
      return List.copyOf(byName.values());
    }
  }

  /** Every partition spans [0, end) unless given bounds; offsetForTimestamp records its asks. */
  static final class Logs extends PartitionLogs {
    private final Topics topics;
    private final Map<TopicPartition, PartitionOffsets> bounds = new HashMap<>();
    private final long end;
    final List<Long> timestampsAsked = new ArrayList<>();

    Logs(Topics topics, long end) {
      this.topics = topics;
      this.end = end;
    }

    void bounds(String topic, int partition, long logStart, long lastStable) {
      bounds.put(
          new TopicPartition(topic, partition),
          new PartitionOffsets(partition, logStart, lastStable));
    }

    @Override
    public PartitionOffsets offsets(String topic, int partition) {
      return bounds.getOrDefault(
          new TopicPartition(topic, partition), new PartitionOffsets(partition, 0, end));
    }

    @Override
    public List<PartitionOffsets> offsets(String topic) {
      List<PartitionOffsets> all = new ArrayList<>();
      for (int p = 0; p < topics.get(topic).partitions(); p++) {
        all.add(offsets(topic, p));
      }
      return all;
    }

    @Override
    public OptionalLong offsetForTimestamp(String topic, int partition, long timestamp) {
      timestampsAsked.add(timestamp);
      return OptionalLong.empty();
    }
  }

  static final class Offsets extends OffsetStore {
    private final Map<String, Map<TopicPartition, OffsetAndMetadata>> byGroup = new TreeMap<>();
    int commits;

    /** Runs while a deletion is being written, before it takes effect. */
    Runnable duringDelete = () -> {};

    /** The deletions recorded for the audit trail, as group/topic (topic "*" for a group). */
    final List<String> recordedDeletions = new ArrayList<>();

    @Override
    public Map<TopicPartition, OffsetAndMetadata> delete(
        String groupId, String topic, Collection<TopicPartition> partitions) {
      duringDelete.run();
      return super.delete(groupId, topic, partitions);
    }

    @Override
    void recordDeletion(
        String groupId, String topic, Map<TopicPartition, OffsetAndMetadata> deleted) {
      recordedDeletions.add(groupId + "/" + (topic == null ? "*" : topic));
    }

    @Override
    public void commit(String groupId, Map<TopicPartition, OffsetAndMetadata> offsets) {
      commits++;
      byGroup.computeIfAbsent(groupId, id -> new TreeMap<>()).putAll(offsets);
    }

    @Override
    public void remove(String groupId, Collection<TopicPartition> partitions) {
      byGroup.getOrDefault(groupId, new TreeMap<>()).keySet().removeAll(partitions);
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> committed(String groupId) {
      return new TreeMap<>(byGroup.getOrDefault(groupId, Map.of()));
    }

    /** The group's committed offset of the partition; null when it has none. */
    Long committedOffset(String groupId, TopicPartition partition) {
      OffsetAndMetadata commit = byGroup.getOrDefault(groupId, Map.of()).get(partition);
      return commit == null ? null : commit.offset();
    }

    @Override
    public Map<String, Map<TopicPartition, OffsetAndMetadata>> committedByGroup() {
      Map<String, Map<TopicPartition, OffsetAndMetadata>> copy = new TreeMap<>();
      byGroup.forEach(
          (group, offsets) -> {
            if (!offsets.isEmpty()) {
              copy.put(group, new TreeMap<>(offsets));
            }
          });
      return copy;
    }

    @Override
    public List<String> groupIds() {
      return List.copyOf(committedByGroup().keySet());
    }

    @Override
    public int deleteOrphans() {
      return 0;
    }

    @Override
    public void deleteTopic(String topic) {
      byGroup.values().forEach(offsets -> offsets.keySet().removeIf(p -> p.topic().equals(topic)));
    }
  }

  static final class Resets extends OffsetResetStore {
    private final Offsets store;
    final List<OffsetReset> executed = new ArrayList<>();

    Resets(Offsets store) {
      this.store = store;
    }

    @Override
    public long execute(
        OffsetReset reset,
        Map<TopicPartition, OffsetAndMetadata> commits,
        Collection<TopicPartition> removals) {
      store.commit(reset.groupId(), commits);
      store.remove(reset.groupId(), removals);
      long id = executed.size() + 1L;
      executed.add(reset.executed(id));
      return id;
    }

    @Override
    public Optional<OffsetReset> find(long id) {
      return executed.stream().filter(reset -> reset.id() == id).findFirst();
    }

    @Override
    public List<OffsetReset> list(String groupId, int limit) {
      List<OffsetReset> newestFirst = new ArrayList<>(executed);
      Collections.reverse(newestFirst);
      return newestFirst.stream()
          .filter(reset -> groupId == null || reset.groupId().equals(groupId))
          .limit(limit)
          .toList();
    }
  }
}
