package io.wirewatch.process.story;

import java.util.function.Consumer;

/**
 * Everything the assigner remembers, behind the smallest interface that a Kafka Streams key-value
 * store (changelogged) can implement: stories keyed by story id, document frequencies keyed by term,
 * and one document count. Values are plain records and longs. The assigner's in-memory candidate
 * index is derived from the stories alone ({@link StoryAssigner#rebuildIndex()}), so a restored
 * state assigns exactly as the state it was restored from.
 *
 * <p>Reads of document frequencies happen for every term of every article (about 150 per article):
 * an implementation over a persistent store should answer them from memory (a cache in front).
 */
public interface StoryState {

  /** The active story with this id, or null. */
  Story story(String id);

  void putStory(Story story);

  void removeStory(String id);

  /** Every story held, in any order (the assigner never depends on this order). */
  void forEachStory(Consumer<Story> action);

  /** In how many articles seen so far the term occurs (0 when never). */
  long documentFrequency(String term);

  void putDocumentFrequency(String term, long frequency);

  /** How many articles have been seen. */
  long documentCount();

  void putDocumentCount(long count);
}
