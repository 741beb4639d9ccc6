package io.wirewatch.console.view;

import io.wirewatch.model.Story;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stories' order by activity. Stories change often (every joining article rewrites the record)
 * and are few next to alerts, so the index is a map sorted per request rather than a sorted set
 * kept up to date.
 */
public final class StoryIndex implements ViewIndex<Story> {

  /** Buckets of {@link Story#hourly()} that make "growing now". */
  static final int RECENT_HOURS = 3;

  record Entry(String id, long lastSeenMillis, int recentArticles, boolean closed) {}

  private final Map<String, Entry> byId = new ConcurrentHashMap<>();
  private final Clock clock;

  public StoryIndex(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void update(String key, Story before, Story story) {
    if (story == null) {
      byId.remove(key);
      return;
    }
    List<Integer> hourly = story.hourly();
    int recent = 0;
    for (int i = Math.max(0, hourly.size() - RECENT_HOURS); i < hourly.size(); i++) {
      recent += hourly.get(i) == null ? 0 : hourly.get(i);
    }
    long last = story.lastSeen() == null ? 0 : story.lastSeen().toEpochMilli();
    byId.put(key, new Entry(key, last, recent, story.closed()));
  }

  @Override
  public void clear() {
    byId.clear();
  }

  public int size() {
    return byId.size();
  }

  /** Ids of the stories to list, in order, at most {@code limit}. */
  List<String> ids(boolean activeOnly, StorySort sort, int limit) {
    Comparator<Entry> newest = Comparator.comparingLong(Entry::lastSeenMillis).reversed().thenComparing(Entry::id);
    Comparator<Entry> order = newest;
    if (sort == StorySort.GROWING) {
      long since = Instant.now(clock).minus(Duration.ofHours(RECENT_HOURS)).toEpochMilli();
      Comparator<Entry> growing = Comparator.comparingInt(e -> e.lastSeenMillis() >= since ? -e.recentArticles() : 0);
      order = growing.thenComparing(newest);
    }
    return byId.values().stream()
        .filter(e -> !activeOnly || !e.closed())
        .sorted(order)
        .limit(limit)
        .map(Entry::id)
        .toList();
  }
}
