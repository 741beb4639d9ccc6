package io.wirewatch.process.story;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Memberships in a Kafka Streams window store (changelogged), by arrival time: the store's
 * retention drops old entries segment by segment, so memory stays bounded by the arrivals of one
 * retention period without any sweep of ours.
 */
public final class StoreStoryMemberships implements StoryMemberships {

  private final WindowStore<String, String> store;
  private final Duration retention;

  public StoreStoryMemberships(WindowStore<String, String> store, Duration retention) {
    this.store = Objects.requireNonNull(store, "store");
    this.retention = Objects.requireNonNull(retention, "retention");
  }

  @Override
  public String storyOf(String articleId, Instant arrived) {
    String found = null;
    try (WindowStoreIterator<String> it = store.fetch(articleId, arrived.minus(retention), arrived)) {
      while (it.hasNext()) {
        found = it.next().value;
      }
    }
    return found;
  }

  @Override
  public void remember(String articleId, String storyId, Instant arrived) {
    store.put(articleId, storyId, arrived.toEpochMilli());
  }
}
