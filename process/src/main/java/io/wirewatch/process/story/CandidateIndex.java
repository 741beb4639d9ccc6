package io.wirewatch.process.story;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * In-memory inverted index from a story's top terms ({@link Story#topTerms()}) to the story, plus
 * the stories ordered by last activity for closing. It holds nothing that the stories do not: it is
 * rebuilt from them on restore, and its answers do not depend on the order the stories were added
 * in (a story's retrieval score is summed in the article's query-term order, and ties are broken
 * by story id), so a rebuilt index answers exactly as the one it replaces.
 *
 * <p>Why by hand rather than Lucene: an entry changes on every article that joins its story (its
 * top terms move), and a query must see the change at once; a Lucene index would need a reopen per
 * article. Postings are int arrays of slot numbers, a story costs one slot.
 */
final class CandidateIndex {

  private static final class Entry {
    final String id;
    final int slot;
    long lastSeen;
    String[] terms;

    Entry(String id, int slot) {
      this.id = id;
      this.slot = slot;
    }
  }

  private static final class Postings {
    int[] slots = new int[4];
    int size;

    void add(int slot) {
      if (size == slots.length) {
        slots = Arrays.copyOf(slots, size * 2);
      }
      slots[size++] = slot;
    }

    void remove(int slot) {
      for (int i = 0; i < size; i++) {
        if (slots[i] == slot) {
          slots[i] = slots[--size];
          return;
        }
      }
    }
  }

  private static final Comparator<Entry> BY_LAST_SEEN =
      Comparator.<Entry>comparingLong(e -> e.lastSeen).thenComparing(e -> e.id);

  private final int maxPostings;
  private final Map<String, Postings> postings = new HashMap<>();
  private final Map<String, Entry> byId = new HashMap<>();
  private final TreeSet<Entry> byLastSeen = new TreeSet<>(BY_LAST_SEEN);
  private Entry[] slots = new Entry[1024];
  private int[] free = new int[16];
  private int freeCount;
  private int nextSlot;
  private float[] acc = new float[1024];
  private int[] touched = new int[1024];

  CandidateIndex(int maxPostings) {
    this.maxPostings = maxPostings;
  }

  int size() {
    return byId.size();
  }

  void clear() {
    postings.clear();
    byId.clear();
    byLastSeen.clear();
    Arrays.fill(slots, null);
    freeCount = 0;
    nextSlot = 0;
  }

  /** Adds the story, or moves it to its new terms and last activity. */
  void put(Story story) {
    Entry e = byId.get(story.id());
    String[] terms = story.topTerms().toArray(new String[0]);
    if (e == null) {
      e = new Entry(story.id(), allocate());
      slots[e.slot] = e;
      byId.put(e.id, e);
      for (String t : terms) {
        postings.computeIfAbsent(t, k -> new Postings()).add(e.slot);
      }
    } else {
      byLastSeen.remove(e);
      String[] old = e.terms;
      for (String t : old) {
        if (!contains(terms, t)) {
          removePosting(t, e.slot);
        }
      }
      for (String t : terms) {
        if (!contains(old, t)) {
          postings.computeIfAbsent(t, k -> new Postings()).add(e.slot);
        }
      }
    }
    e.terms = terms;
    e.lastSeen = story.lastSeen().toEpochMilli();
    byLastSeen.add(e);
  }

  void remove(String id) {
    Entry e = byId.remove(id);
    if (e == null) {
      return;
    }
    byLastSeen.remove(e);
    for (String t : e.terms) {
      removePosting(t, e.slot);
    }
    slots[e.slot] = null;
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, free.length * 2);
    }
    free[freeCount++] = e.slot;
  }

  /** Ids of stories whose last activity is before {@code millis}, oldest first. */
  List<String> lastSeenBefore(long millis) {
    List<String> out = new ArrayList<>();
    for (Entry e : byLastSeen) {
      if (e.lastSeen >= millis) {
        break;
      }
      out.add(e.id);
    }
    return out;
  }

  /**
   * The stories that share the most weight of query terms, at most {@code limit}, best first (ties
   * by id), among those last active at or after {@code activeSince}. Terms filed under more than
   * {@code maxPostings} stories are skipped.
   */
  List<String> candidates(String[] queryTerms, float[] queryWeights, long activeSince, int limit) {
    int touchedCount = 0;
    for (int q = 0; q < queryTerms.length; q++) {
      Postings p = postings.get(queryTerms[q]);
      if (p == null || p.size > maxPostings) {
        continue;
      }
      float w = queryWeights[q];
      for (int i = 0; i < p.size; i++) {
        int s = p.slots[i];
        if (slots[s].lastSeen < activeSince) {
          continue;
        }
        if (acc[s] == 0f) {
          if (touchedCount == touched.length) {
            touched = Arrays.copyOf(touched, touchedCount * 2);
          }
          touched[touchedCount++] = s;
        }
        acc[s] += w;
      }
    }
    // The best `limit` by score, ties by id, kept sorted in a small array: most stories touched
    // score below the worst kept one and cost one comparison.
    int[] best = new int[Math.min(limit, touchedCount)];
    int kept = 0;
    for (int i = 0; i < touchedCount; i++) {
      int s = touched[i];
      if (kept == best.length && !better(s, best[kept - 1])) {
        continue;
      }
      int k = kept == best.length ? kept - 1 : kept++;
      while (k > 0 && better(s, best[k - 1])) {
        best[k] = best[k - 1];
        k--;
      }
      best[k] = s;
    }
    String[] out = new String[kept];
    for (int i = 0; i < kept; i++) {
      out[i] = slots[best[i]].id;
    }
    for (int i = 0; i < touchedCount; i++) {
      acc[touched[i]] = 0f;
    }
    return Arrays.asList(out);
  }

  /** Higher accumulated weight, then smaller story id. */
  private boolean better(int a, int b) {
    float x = acc[a];
    float y = acc[b];
    return x != y ? x > y : slots[a].id.compareTo(slots[b].id) < 0;
  }

  private int allocate() {
    if (freeCount > 0) {
      return free[--freeCount];
    }
    int s = nextSlot++;
    if (s == slots.length) {
      slots = Arrays.copyOf(slots, s * 2);
      acc = Arrays.copyOf(acc, s * 2);
    }
    return s;
  }

  private void removePosting(String term, int slot) {
    Postings p = postings.get(term);
    if (p != null) {
      p.remove(slot);
      if (p.size == 0) {
        postings.remove(term);
      }
    }
  }

  private static boolean contains(String[] terms, String t) {
    for (String x : terms) {
      if (x.equals(t)) {
        return true;
      }
    }
    return false;
  }
}
