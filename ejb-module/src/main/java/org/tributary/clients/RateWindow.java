package org.tributary.clients;

import java.util.Arrays;

/**
 * Records and bytes over the last minute, in 12 steps of 5 s: the bucket of a step that left the
 * window is reused for the current one. A rate is what the window holds divided by its 60 s, so a
 * client that started 10 s ago shows a sixth of its rate over those 10 s. Not thread-safe: its
 * owner guards it.
 */
final class RateWindow {

  static final long STEP_MILLIS = 5_000;
  static final int STEPS = 12;
  static final double WINDOW_SECONDS = STEP_MILLIS * STEPS / 1000.0;

  private final long[] steps = new long[STEPS];
  private final long[] records = new long[STEPS];
  private final long[] bytes = new long[STEPS];

  RateWindow() {
    Arrays.fill(steps, Long.MIN_VALUE);
  }

  void add(long nowMillis, long recordCount, long byteCount) {
    long step = Math.floorDiv(nowMillis, STEP_MILLIS);
    int bucket = Math.floorMod(step, STEPS);
    if (steps[bucket] != step) {
      steps[bucket] = step;
      records[bucket] = 0;
      bytes[bucket] = 0;
    }
    records[bucket] += recordCount;
    bytes[bucket] += byteCount;
  }

  double recordsPerSecond(long nowMillis) {
    return sum(records, nowMillis) / WINDOW_SECONDS;
  }

  double bytesPerSecond(long nowMillis) {
    return sum(bytes, nowMillis) / WINDOW_SECONDS;
  }

  private long sum(long[] values, long nowMillis) {
    long current = Math.floorDiv(nowMillis, STEP_MILLIS);
    long total = 0;
    for (int bucket = 0; bucket < STEPS; bucket++) {
      if (steps[bucket] > current - STEPS && steps[bucket] <= current) {
        total += values[bucket];
      }
    }
    return total;
  }
}
