package org.tributary.consumer;

import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tributary.topic.TopicPartition;

/**
 * Polls whose records are still on their way to the client (an HTTP response being written), each
 * with the first offset it read per partition: commits stop there until the delivery is confirmed,
 * and a failed delivery reads again from there. A poll is known by its identity, not its contents.
 *
 * <p>Not thread-safe: its {@link SubscriptionState} owns it.
 */
final class PendingDeliveries {

  private final Map<List<ConsumedRecord>, Map<TopicPartition, Long>> firstOffsets =
      new IdentityHashMap<>();

  void start(List<ConsumedRecord> poll) {
    firstOffsets.put(poll, new HashMap<>());
  }

  /** The poll read {@code partition} from {@code offset}; an earlier first offset stays. */
  void read(List<ConsumedRecord> poll, TopicPartition partition, long offset) {
    Map<TopicPartition, Long> firsts = firstOffsets.get(poll);
    if (firsts != null) {
      firsts.putIfAbsent(partition, offset);
    }
  }

  /** The poll's delivery is over, either way: its first offsets, none if it was not pending. */
  Map<TopicPartition, Long> end(List<ConsumedRecord> poll) {
    Map<TopicPartition, Long> firsts = firstOffsets.remove(poll);
    return firsts == null ? Map.of() : firsts;
  }

  /** The client chose new positions for these partitions: no delivery holds them back any more. */
  void forget(Collection<TopicPartition> partitions) {
    firstOffsets.values().forEach(firsts -> firsts.keySet().removeAll(partitions));
  }

  boolean pending() {
    return firstOffsets.values().stream().anyMatch(firsts -> !firsts.isEmpty());
  }

  /** The positions, each held back to the first offset a pending delivery read there. */
  Map<TopicPartition, Long> holdBack(Map<TopicPartition, Long> positions) {
    Map<TopicPartition, Long> committable = new HashMap<>(positions);
    firstOffsets
        .values()
        .forEach(
            firsts ->
                firsts.forEach(
                    (partition, first) ->
                        committable.computeIfPresent(
                            partition, (p, position) -> Math.min(position, first))));
    return Map.copyOf(committable);
  }

  void clear() {
    firstOffsets.clear();
  }
}
