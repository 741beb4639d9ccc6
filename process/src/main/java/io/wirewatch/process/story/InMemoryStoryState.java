package io.wirewatch.process.story;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** {@link StoryState} in maps, for the {@code cluster} command, the benchmarks and tests. */
public final class InMemoryStoryState implements StoryState {

  // Sorted so that forEachStory has one order whatever the history; the assigner does not rely on it.
  private final Map<String, Story> stories = new TreeMap<>();
  private final Map<String, Long> frequencies = new HashMap<>();
  private long documents;

  @Override
  public Story story(String id) {
    return stories.get(id);
  }

  @Override
  public void putStory(Story story) {
    stories.put(story.id(), story);
  }

  @Override
  public void removeStory(String id) {
    stories.remove(id);
  }

  @Override
  public void forEachStory(Consumer<Story> action) {
    stories.values().forEach(action);
  }

  @Override
  public long documentFrequency(String term) {
    Long f = frequencies.get(term);
    return f == null ? 0 : f;
  }

  @Override
  public void putDocumentFrequency(String term, long frequency) {
    frequencies.put(term, frequency);
  }

  @Override
  public long documentCount() {
    return documents;
  }

  @Override
  public void putDocumentCount(long count) {
    documents = count;
  }

  public int storyCount() {
    return stories.size();
  }

  public int termCount() {
    return frequencies.size();
  }

  /** Copies the document frequencies and count into {@code other} (for restore measurements). */
  public void copyFrequenciesTo(StoryState other) {
    frequencies.forEach(other::putDocumentFrequency);
    other.putDocumentCount(documents);
  }

  /** A copy: the same stories and frequencies, for restore tests and benchmarks. */
  public InMemoryStoryState copy() {
    InMemoryStoryState c = new InMemoryStoryState();
    c.stories.putAll(stories);
    c.frequencies.putAll(frequencies);
    c.documents = documents;
    return c;
  }
}
