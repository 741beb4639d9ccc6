package io.wirewatch.ingest.dedup;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The items already emitted, per source, with their content hash: the in-memory face of the
 * compacted topic {@code news.seen}. Filled from that topic when a source's partition is assigned
 * and updated as items are emitted; the topic makes it survive restarts and partition moves.
 */
public final class SeenItems {

  /** What to do with an item. */
  public enum Verdict {
    NEW,
    UPDATED,
    SEEN
  }

  private final Map<String, Map<String, String>> bySource = new ConcurrentHashMap<>();

  public Verdict check(String sourceId, String itemId, String contentHash) {
    String known = bySource.getOrDefault(sourceId, Map.of()).get(itemId);
    if (known == null) {
      return Verdict.NEW;
    }
    return known.equals(contentHash) ? Verdict.SEEN : Verdict.UPDATED;
  }

  public void put(String sourceId, String itemId, String contentHash) {
    bySource.computeIfAbsent(sourceId, k -> new ConcurrentHashMap<>()).put(itemId, contentHash);
  }

  /** Undoes {@link #put} for an item whose emission was not committed, so it is tried again. */
  public void forget(String sourceId, String itemId, String previousHash) {
    Map<String, String> m = bySource.get(sourceId);
    if (m == null) {
      return;
    }
    if (previousHash == null) {
      m.remove(itemId);
    } else {
      m.put(itemId, previousHash);
    }
  }

  public String hashOf(String sourceId, String itemId) {
    return bySource.getOrDefault(sourceId, Map.of()).get(itemId);
  }

  /** Forgets a source whose partition moved to another instance. */
  public void dropSource(String sourceId) {
    bySource.remove(sourceId);
  }

  public int size() {
    return bySource.values().stream().mapToInt(Map::size).sum();
  }
}
