package org.tributary.benchmark;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the consumers of one group have received of a topic, shared by their threads. Records are
 * told apart by partition and offset: a partition that moves to another member in a rebalance is
 * read again from its committed offset, and those repeats must not count towards draining the
 * topic.
 */
final class ConsumedRecords {

  private final long expected;
  private final BitSet[] offsetsByPartition;
  private final AtomicLong distinct = new AtomicLong();
  private final AtomicLong repeated = new AtomicLong();
  private volatile long completedAtNanos;

  ConsumedRecords(long expected, int partitions) {
    this.expected = expected;
    this.offsetsByPartition = new BitSet[partitions];
    for (int p = 0; p < partitions; p++) {
      offsetsByPartition[p] = new BitSet();
    }
  }

  /** Takes in the answer of one records request, received at {@code receivedAtNanos}. */
  void add(List<Object> records, long receivedAtNanos) {
    for (Object element : records) {
      Map<String, Object> record = Json.object(element, "record");
      if (firstTime(Json.integer(record, "partition"), Json.integer(record, "offset"))) {
        if (distinct.incrementAndGet() == expected) {
          completedAtNanos = receivedAtNanos;
        }
      } else {
        repeated.incrementAndGet();
      }
    }
  }

  private boolean firstTime(long partition, long offset) {
    if (partition < 0 || partition >= offsetsByPartition.length) {
      throw new IllegalStateException(
          "Record of partition " + partition + " in a topic with " + offsetsByPartition.length);
    }
    if (offset < 0 || offset > Integer.MAX_VALUE) {
      throw new IllegalStateException("Record offset " + offset + " out of the benchmark's range");
    }
    BitSet offsets = offsetsByPartition[(int) partition];
    synchronized (offsets) {
      boolean seen = offsets.get((int) offset);
      offsets.set((int) offset);
      return !seen;
    }
  }

  boolean complete() {
    return distinct.get() >= expected;
  }

  /** When the last missing record arrived; meaningful once {@link #complete()}. */
  long completedAtNanos() {
    return completedAtNanos;
  }

  long distinct() {
    return distinct.get();
  }

  long repeated() {
    return repeated.get();
  }
}
