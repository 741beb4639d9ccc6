package io.wirewatch.console.view;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which stores are loaded and how many records were skipped as unreadable, per topic: what
 * {@code /ready} reports. A record the console cannot read is skipped (it is someone else's
 * record; the stage that wrote it reports its own failures) and counted, and the view keeps going.
 */
public final class ViewHealth {

  private static final Logger LOG = LoggerFactory.getLogger(ViewHealth.class);

  private final Set<String> loaded = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicLong> skipped = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  /** {@code store} is restored and indexed and holds {@code records} keys. */
  void loaded(String store, long records) {
    counts.computeIfAbsent(store, s -> new AtomicLong()).set(records);
    loaded.add(store);
  }

  void counted(String store, long delta) {
    if (delta != 0) {
      counts.computeIfAbsent(store, s -> new AtomicLong()).addAndGet(delta);
    }
  }

  /** Keys in {@code store} now. */
  public long count(String store) {
    AtomicLong n = counts.get(store);
    return n == null ? 0 : n.get();
  }

  /** Keys per store. */
  public Map<String, Long> counts() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  void skipped(String topic, String key, long offset, RuntimeException e) {
    long n = skipped.computeIfAbsent(topic, t -> new AtomicLong()).incrementAndGet();
    // Every 1st, 10th, 100th... so that a topic full of foreign records cannot flood the log.
    if (Long.bitCount(n) == 1 || n % 1000 == 0) {
      LOG.warn("skipped an unreadable record of {} (key {}, offset {}; {} skipped so far): {}", topic, key, offset,
          n, e.getMessage());
    }
  }

  /** Whether every one of {@code stores} has been restored and indexed. */
  public boolean allLoaded(Set<String> stores) {
    return loaded.containsAll(stores);
  }

  public Set<String> loaded() {
    return Set.copyOf(loaded);
  }

  /** Records skipped as unreadable, by topic. */
  public Map<String, Long> skipped() {
    Map<String, Long> out = new TreeMap<>();
    skipped.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }
}
