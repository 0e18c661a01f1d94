package org.tributary.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AuditPurgeTest {

  private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** Entries by id, with their times; removes the oldest in id order, as the store does. */
  private final TreeMap<Long, Instant> entries = new TreeMap<>();

  private final List<Integer> chunkSizes = new ArrayList<>();

  private int removeOldest(Instant cutoff, int max) {
    List<Long> doomed =
        entries.entrySet().stream()
            .filter(e -> e.getValue().isBefore(cutoff))
            .limit(max)
            .map(e -> e.getKey())
            .toList();
    doomed.forEach(entries::remove);
    chunkSizes.add(doomed.size());
    return doomed.size();
  }

  private void add(int count, Instant at) {
    long next = entries.isEmpty() ? 1 : entries.lastKey() + 1;
    for (int i = 0; i < count; i++) {
      entries.put(next + i, at);
    }
  }

  @Test
  void entriesOlderThanTheRetentionGoAndNewerOnesStay() {
    add(3, NOW.minus(Duration.ofDays(91)));
    add(2, NOW.minus(Duration.ofDays(89)));

    int removed = new AuditPurge(this::removeOldest, Duration.ofDays(90), CLOCK).run();

    assertEquals(3, removed);
    assertEquals(List.of(4L, 5L), List.copyOf(entries.keySet()));
  }

  @Test
  void anEntryExactlyAtTheCutoffStays() {
    add(1, NOW.minus(Duration.ofDays(90)));
    assertEquals(0, new AuditPurge(this::removeOldest, Duration.ofDays(90), CLOCK).run());
  }

  @Test
  void aRunRemovesBoundedChunksAndLeavesTheRestToTheNextRun() {
    int many = AuditPurge.CHUNK * AuditPurge.MAX_CHUNKS + 7;
    add(many, NOW.minus(Duration.ofDays(100)));
    AuditPurge purge = new AuditPurge(this::removeOldest, Duration.ofDays(90), CLOCK);

    assertEquals(AuditPurge.CHUNK * AuditPurge.MAX_CHUNKS, purge.run());
    assertEquals(AuditPurge.MAX_CHUNKS, chunkSizes.size());
    assertEquals(7, purge.run(), "the next run takes the rest");
    assertEquals(0, entries.size());
  }

  @Test
  void aNegativeRetentionKeepsEntriesForEver() {
    add(2, NOW.minus(Duration.ofDays(10_000)));
    AuditPurge purge = new AuditPurge(this::removeOldest, Duration.ofMillis(-1), CLOCK);

    assertNull(purge.cutoff());
    assertEquals(0, purge.run());
    assertEquals(2, entries.size());
    assertEquals(List.of(), chunkSizes, "the store is not even asked");
  }
}
