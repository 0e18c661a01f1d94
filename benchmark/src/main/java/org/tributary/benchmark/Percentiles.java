package org.tributary.benchmark;

/** Nearest-rank percentiles of sorted samples. */
final class Percentiles {

  private Percentiles() {}

  /** The sample at the percentile, or NaN when there are none. */
  static double of(long[] sorted, int percentile) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
  }
}
