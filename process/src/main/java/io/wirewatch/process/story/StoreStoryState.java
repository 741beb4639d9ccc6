package io.wirewatch.process.story;

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
 */
public final class StoreStoryState implements StoryState {

  private static final String COUNT = "#documents";
  private static final StringSerializer KEYS = new StringSerializer();

  private final String prefix;
  private final KeyValueStore<String, Story> stories;
  private final KeyValueStore<String, Long> terms;

  public StoreStoryState(String language, KeyValueStore<String, Story> stories, KeyValueStore<String, Long> terms) {
    this.prefix = Objects.requireNonNull(language, "language") + "|";
    this.stories = stories;
    this.terms = terms;
  }

  @Override
  public Story story(String id) {
    return stories.get(prefix + id);
  }

  @Override
  public void putStory(Story story) {
    stories.put(prefix + story.id(), story);
  }

  @Override
  public void removeStory(String id) {
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
    Long n = terms.get(prefix + term);
    return n == null ? 0 : n;
  }

  @Override
  public void putDocumentFrequency(String term, long frequency) {
    terms.put(prefix + term, frequency);
  }

  @Override
  public long documentCount() {
    Long n = terms.get(prefix + COUNT);
    return n == null ? 0 : n;
  }

  @Override
  public void putDocumentCount(long count) {
    terms.put(prefix + COUNT, count);
  }
}
