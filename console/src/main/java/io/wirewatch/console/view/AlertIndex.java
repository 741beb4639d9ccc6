package io.wirewatch.console.view;

import io.wirewatch.model.Alert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

/**
 * Alerts newest first (by {@code updatedAt}: an alert that flood control updated moves up), with
 * what the filters need: rule, severity, story and article. The alerts themselves stay in the store;
 * this holds a few fields per alert so that a filtered, ordered list reads only the alerts it returns.
 */
public final class AlertIndex implements ViewIndex<Alert> {

  /** One alert as the index knows it. Rule ids and severities are few: the strings are shared. */
  record Entry(String key, long updatedAtMillis, String ruleId, String severity, String storyId, String articleId) {}

  /** Where an alert stands: newest first, then by key so that alerts of one instant both have a place. */
  private record Position(long updatedAtMillis, String key) {}

  private static final Comparator<Position> NEWEST_FIRST = Comparator.comparingLong(Position::updatedAtMillis)
      .reversed().thenComparing(Position::key);

  private final ConcurrentSkipListMap<Position, Entry> ordered = new ConcurrentSkipListMap<>(NEWEST_FIRST);
  private final Map<String, String> shared = new ConcurrentHashMap<>();

  @Override
  public void update(String key, Alert before, Alert after) {
    if (before != null) {
      ordered.remove(new Position(millis(before), key));
    }
    if (after != null) {
      ordered.put(new Position(millis(after), key), new Entry(key, millis(after), share(after.ruleId()),
          share(after.severity()), after.storyId(), after.articleId()));
    }
  }

  private static long millis(Alert a) {
    return (a.updatedAt() != null ? a.updatedAt() : Instant.EPOCH).toEpochMilli();
  }

  @Override
  public void clear() {
    ordered.clear();
  }

  private String share(String s) {
    return s == null ? null : shared.computeIfAbsent(s, x -> x);
  }

  public int size() {
    return ordered.size();
  }

  /** Keys of the alerts the filter accepts, newest first, at most its limit. */
  List<String> keys(AlertFilter filter) {
    return keys(filter::accepts, filter.limit());
  }

  /** Keys of the alerts {@code accepts} accepts, newest first, at most {@code limit}. */
  List<String> keys(Predicate<Entry> accepts, int limit) {
    List<String> out = new ArrayList<>(Math.min(limit, 256));
    for (Entry e : ordered.values()) {
      if (out.size() >= limit) {
        break;
      }
      if (accepts.test(e)) {
        out.add(e.key());
      }
    }
    return out;
  }
}
