package io.wirewatch.process.story;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How many articles a language's stream carried over the latest window, in 60 slices: what the
 * burst rule compares a story's pace with. A plain value kept in a changelogged store per language.
 *
 * @param sliceMillis length of one slice (the window over 60)
 * @param lastSlice   the slice (epoch millis / sliceMillis) of the last entry of {@code counts}
 * @param counts      articles per slice, oldest first, 60 entries
 */
public record StreamPace(long sliceMillis, long lastSlice, List<Integer> counts) {

  static final int SLICES = 60;

  public StreamPace {
    counts = List.copyOf(counts);
  }

  static StreamPace start(Duration window, Instant at) {
    long slice = Math.max(1, window.toMillis() / SLICES);
    List<Integer> zeros = new ArrayList<>(SLICES);
    for (int i = 0; i < SLICES; i++) {
      zeros.add(0);
    }
    return new StreamPace(slice, Math.floorDiv(at.toEpochMilli(), slice), zeros);
  }

  /** The pace with one more article at {@code at} (an article older than the window counts in the oldest slice). */
  StreamPace with(Instant at) {
    long slice = Math.floorDiv(at.toEpochMilli(), sliceMillis);
    long end = Math.max(slice, lastSlice);
    List<Integer> c = new ArrayList<>(counts);
    for (long i = 0, shift = Math.min(SLICES, end - lastSlice); i < shift; i++) {
      c.remove(0);
      c.add(0);
    }
    int at0 = (int) Math.max(0, SLICES - 1 - (end - slice));
    c.set(at0, c.get(at0) + 1);
    return new StreamPace(sliceMillis, end, c);
  }

  /** Articles over the window. */
  long total() {
    return counts.stream().mapToLong(Integer::longValue).sum();
  }
}
