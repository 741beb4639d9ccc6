package io.wirewatch.bench;

import java.util.List;

/** Nearest-rank percentiles of sorted samples: the smallest sample at or above that share of them. */
final class Percentile {

  private Percentile() {}

  /** The {@code fraction} (0.99 for p99) percentile of {@code sorted}, which must not be empty. */
  static long of(long[] sorted, double fraction) {
    return sorted[index(sorted.length, fraction)];
  }

  /** The same for a sorted list. */
  static long of(List<Long> sorted, double fraction) {
    return sorted.get(index(sorted.size(), fraction));
  }

  private static int index(int n, double fraction) {
    return Math.max(0, Math.min(n - 1, (int) Math.ceil(n * fraction) - 1));
  }
}
