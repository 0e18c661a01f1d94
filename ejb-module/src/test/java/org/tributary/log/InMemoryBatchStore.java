package org.tributary.log;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.tributary.topic.TopicPartition;

/**
 * A fake of {@link BatchStore}'s methods that retention, compaction and DeleteRecords use, over
 * maps, with the same range rules as its queries. One topic, "t" (id 7); batches by partition.
 */
class InMemoryBatchStore extends BatchStore {

  final Map<Integer, TreeMap<Long, EncodedBatch>> batches = new HashMap<>();
  final Map<Integer, Long> logStarts = new HashMap<>();

  void add(int partition, EncodedBatch batch) {
    partition(partition).put(batch.baseOffset(), batch);
  }

  /**
   * Stores the batches and returns partition {@code partition}'s log over this store as recovery
   * builds it: starting at {@code logStart}, ending after the last batch, nothing in its cache.
   */
  PartitionLog recoveredLog(int partition, long logStart, EncodedBatch... stored) {
    long size = 0;
    for (EncodedBatch batch : stored) {
      add(partition, batch);
      size += batch.bytes().length;
    }
    return new PartitionLog(
        7,
        new TopicPartition("t", partition),
        logStart,
        stored[stored.length - 1].lastOffset() + 1,
        size,
        0,
        new TailCacheBudget(Long.MAX_VALUE),
        this,
        null);
  }

  List<Long> baseOffsets(int partition) {
    return List.copyOf(partition(partition).keySet());
  }

  private TreeMap<Long, EncodedBatch> partition(int partition) {
    return batches.computeIfAbsent(partition, p -> new TreeMap<>());
  }

  @Override
  public List<EncodedBatch> batchesFrom(
      long topicId, int partition, long offset, long lastStableOffset, int maxBatches) {
    Long holding = partition(partition).floorKey(offset);
    List<EncodedBatch> page = new ArrayList<>();
    for (EncodedBatch batch :
        below(partition, holding == null ? offset : holding, lastStableOffset)) {
      if (batch.lastOffset() >= offset && page.size() < maxBatches) {
        page.add(batch);
      }
    }
    return page;
  }

  @Override
  public List<EncodedBatch> batchesWithin(
      long topicId,
      int partition,
      long offset,
      long lastStableOffset,
      int maxBatches,
      long maxBytes) {
    List<EncodedBatch> page = new ArrayList<>();
    long bytes = 0;
    for (EncodedBatch batch :
        batchesFrom(topicId, partition, offset, lastStableOffset, maxBatches)) {
      if (!page.isEmpty() && bytes + batch.bytes().length > maxBytes) {
        break;
      }
      page.add(batch);
      bytes += batch.bytes().length;
    }
    return page;
  }

  @Override
  public List<BatchSummary> summaries(
      long topicId, int partition, long fromBase, long lastStableOffset, int maxBatches) {
    return below(partition, fromBase, lastStableOffset).stream()
        .limit(maxBatches)
        .map(
            batch ->
                new BatchSummary(
                    batch.baseOffset(),
                    batch.lastOffset(),
                    batch.maxTimestamp(),
                    batch.recordCount(),
                    batch.bytes().length))
        .toList();
  }

  private List<EncodedBatch> below(int partition, long fromBase, long lastStableOffset) {
    if (fromBase >= lastStableOffset) {
      return List.of();
    }
    NavigableMap<Long, EncodedBatch> range =
        partition(partition).subMap(fromBase, true, lastStableOffset, false);
    return List.copyOf(range.values());
  }

  @Override
  public Long lastBatchBelow(long topicId, int partition, long lastStableOffset) {
    return partition(partition).floorKey(lastStableOffset - 1);
  }

  @Override
  public int delete(long topicId, int partition, long first, long last) {
    NavigableMap<Long, EncodedBatch> range = partition(partition).subMap(first, true, last, true);
    int removed = range.size();
    range.clear();
    return removed;
  }

  @Override
  public List<Long> replace(
      long topicId, int partition, Map<Long, EncodedBatch> compacted, long logStartOffset) {
    List<Long> changed = new ArrayList<>();
    compacted.forEach(
        (baseOffset, batch) -> {
          if (partition(partition).containsKey(baseOffset)) {
            if (batch == null) {
              partition(partition).remove(baseOffset);
            } else {
              partition(partition).put(baseOffset, batch);
            }
            changed.add(baseOffset);
          }
        });
    if (compacted.containsValue(null)) {
      saveLogStart(topicId, partition, logStartOffset);
    }
    return changed;
  }

  @Override
  public void saveLogStart(long topicId, int partition, long offset) {
    logStarts.put(partition, offset);
  }
}
