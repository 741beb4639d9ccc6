package io.wirewatch.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entry keys this process has already turned into articles, so that polling a feed again
 * does not fetch its pages again. Bounded: the least recently seen keys are forgotten first.
 *
 * <p>Memory only, by design of this stage: a restart re-fetches, and the process stage's
 * revision store drops the pages it has already seen, so nothing is raised twice.
 */
final class SeenEntries {

  private final Map<String, Boolean> keys;

  SeenEntries(int maxEntries) {
    this.keys = new LinkedHashMap<>(1024, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > maxEntries;
      }
    };
  }

  /** True when {@code key} is new, and remembers it. */
  synchronized boolean add(String key) {
    return keys.put(key, Boolean.TRUE) == null;
  }

  /** Forgets {@code key}, so a page that failed is tried again at the next poll. */
  synchronized void forget(String key) {
    keys.remove(key);
  }

  synchronized int size() {
    return keys.size();
  }
}
