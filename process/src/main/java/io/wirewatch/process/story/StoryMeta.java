package io.wirewatch.process.story;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a story's readers need beside what the assigner scores with: how often each category came
 * up among its articles, its articles per hour over the last day, and its burst history. Kept per
 * story in a changelogged store next to the assigner's state, and bounded like it.
 *
 * @param categories articles per category, at most {@link #MAX_CATEGORIES} categories
 * @param hourStart  the hour (epoch hours) of the last entry of {@code hourly}
 * @param hourly     articles per hour, oldest first, at most 24 entries ending at {@code hourStart}
 * @param bursts     the burst detector's history of the story
 */
public record StoryMeta(Map<String, Integer> categories, long hourStart, List<Integer> hourly,
    BurstDetector.History bursts) {

  static final int MAX_CATEGORIES = 20;
  static final int HOURS = 24;

  public StoryMeta {
    categories = categories == null ? Map.of() : Map.copyOf(categories);
    hourly = hourly == null ? List.of() : List.copyOf(hourly);
  }

  static StoryMeta start(Instant firstSeen) {
    return new StoryMeta(Map.of(), hourOf(firstSeen), zeros(), BurstDetector.History.start(firstSeen));
  }

  /** This story with one more article at {@code at} in {@code articleCategories}, and the burst history given. */
  StoryMeta with(Instant at, List<String> articleCategories, BurstDetector.History history) {
    TreeMap<String, Integer> cats = new TreeMap<>(categories);
    articleCategories.forEach(c -> cats.merge(c, 1, Integer::sum));
    while (cats.size() > MAX_CATEGORIES) {
      cats.remove(cats.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey());
    }
    long hour = hourOf(at);
    List<Integer> counts = shiftedTo(Math.max(hour, hourStart));
    long end = Math.max(hour, hourStart);
    // An article dated within the last day counts in its hour; an older one in the oldest hour.
    int slot = (int) Math.max(0, HOURS - 1 - (end - hour));
    counts.set(slot, counts.get(slot) + 1);
    return new StoryMeta(cats, end, counts, history);
  }

  /** Categories most frequent first (ties by name), at most {@code n}. */
  List<String> topCategories(int n) {
    return categories.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
        .limit(n).map(Map.Entry::getKey).toList();
  }

  /** Articles per hour over the 24 hours ending with the hour of {@code at}, oldest first. */
  List<Integer> hourlyUntil(Instant at) {
    return shiftedTo(Math.max(hourOf(at), hourStart));
  }

  /** The counts moved so that the last entry is hour {@code end} (not before {@link #hourStart}). */
  private List<Integer> shiftedTo(long end) {
    List<Integer> counts = new ArrayList<>(hourly.size() == HOURS ? hourly : zeros());
    long shift = Math.min(HOURS, end - hourStart);
    for (long i = 0; i < shift; i++) {
      counts.remove(0);
      counts.add(0);
    }
    return counts;
  }

  private static long hourOf(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), 3600);
  }

  private static List<Integer> zeros() {
    List<Integer> z = new ArrayList<>(HOURS);
    for (int i = 0; i < HOURS; i++) {
      z.add(0);
    }
    return z;
  }
}
