package io.wirewatch.process.story;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One language's share of the stories and term frequencies in Kafka Streams key-value stores
 * (changelogged, so a restarted or failed-over instance gets exactly the state it left). Several
 * languages may share a task's stores: every key starts with the language.
 *
 * <p>Reads go through two small caches of decoded values, written through on every change, so
 * that they always say what the stores say: an article scores up to 24 candidate stories and looks
 * up a few hundred term frequencies, and decoding a story's JSON (about 5 KB) from the store for
 * each candidate cost more than cleaning the page (measured with {@code bench pipeline --profile}).
 * Streams' own record cache holds serialised bytes, so it does not save the decoding. An instance
 * is built per task initialisation, so a task restored from its changelog starts with empty caches.
 */
public final class StoreStoryState implements StoryState {

  private static final String COUNT = "#documents";
  private static final StringSerializer KEYS = new StringSerializer();

  /**
   * Decoded stories kept, least recently used first out: the active stories an article is likely to
   * meet. A decoded story is 10-15 KB, so about 15 MB per language of a task.
   */
  static final int CACHED_STORIES = 1024;
  /** Term frequencies kept (about 5 MB); past this the cache starts again empty (a vocabulary has a long tail). */
  static final int CACHED_TERMS = 50_000;

  private final String prefix;
  private final KeyValueStore<String, Story> stories;
  private final KeyValueStore<String, Long> terms;
  private final Map<String, Story> decoded;
  private final Map<String, Long> frequencies = new HashMap<>();
  private final int cachedTerms;
  private Long count;

  public StoreStoryState(String language, KeyValueStore<String, Story> stories, KeyValueStore<String, Long> terms) {
    this(language, stories, terms, CACHED_STORIES, CACHED_TERMS);
  }

  StoreStoryState(String language, KeyValueStore<String, Story> stories, KeyValueStore<String, Long> terms,
      int cachedStories, int cachedTerms) {
    this.prefix = Objects.requireNonNull(language, "language") + "|";
    this.stories = stories;
    this.terms = terms;
    this.cachedTerms = cachedTerms;
    this.decoded = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Story> eldest) {
        return size() > cachedStories;
      }
    };
  }

  // Every write drops the cached value first: a store write that throws (a cached store may flush
  // to RocksDB and the changelog inside put) must not leave the cache saying what the store does not.

  @Override
  public Story story(String id) {
    Story s = decoded.get(id);
    if (s == null) {
      s = stories.get(prefix + id);
      if (s != null) {
        decoded.put(id, s);
      }
    }
    return s;
  }

  @Override
  public void putStory(Story story) {
    decoded.remove(story.id());
    stories.put(prefix + story.id(), story);
    decoded.put(story.id(), story);
  }

  @Override
  public void removeStory(String id) {
    decoded.remove(id);
    stories.delete(prefix + id);
  }

  @Override
  public void forEachStory(Consumer<Story> action) {
    try (KeyValueIterator<String, Story> all = stories.prefixScan(prefix, KEYS)) {
      while (all.hasNext()) {
        KeyValue<String, Story> kv = all.next();
        action.accept(kv.value);
      }
    }
  }

  @Override
  public long documentFrequency(String term) {
    Long n = frequencies.get(term);
    if (n == null) {
      n = terms.get(prefix + term);
      n = n == null ? 0L : n;
      remember(term, n);
    }
    return n;
  }

  @Override
  public void putDocumentFrequency(String term, long frequency) {
    frequencies.remove(term);
    terms.put(prefix + term, frequency);
    remember(term, frequency);
  }

  private void remember(String term, long frequency) {
    if (frequencies.size() >= cachedTerms && !frequencies.containsKey(term)) {
      frequencies.clear();
    }
    frequencies.put(term, frequency);
  }

  @Override
  public long documentCount() {
    if (count == null) {
      Long n = terms.get(prefix + COUNT);
      count = n == null ? 0L : n;
    }
    return count;
  }

  @Override
  public void putDocumentCount(long count) {
    this.count = null;
    terms.put(prefix + COUNT, count);
    this.count = count;
  }
}
