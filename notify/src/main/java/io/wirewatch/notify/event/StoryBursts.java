package io.wirewatch.notify.event;

import io.wirewatch.model.Story;
import io.wirewatch.model.Topic;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code news.stories} to {@code story.burst} events: every change of a story writes its latest
 * state, and a burst is the change whose {@code burstAt} is new or later than the one seen before
 * for that story. Other changes (an article joining, the story closing) deliver nothing.
 */
public final class StoryBursts implements EventSource {

  private final Topic<String, Story> topic;
  /** Per partition: story id -> the latest burstAt seen. */
  private final Map<Integer, Map<String, Instant>> bursts = new HashMap<>();

  public StoryBursts(Topic<String, Story> topic) {
    this.topic = topic;
  }

  @Override
  public String topic() {
    return topic.name();
  }

  @Override
  public List<Event> events(int partition, String key, byte[] value) {
    Story s = read(value);
    if (s == null || s.closed()) {
      forgetStory(partition, key);
      return List.of();
    }
    if (s.burstAt() == null) {
      return List.of();
    }
    Instant before = bursts.computeIfAbsent(partition, x -> new HashMap<>()).get(s.id());
    if (before != null && !s.burstAt().isAfter(before)) {
      return List.of();
    }
    remember(partition, s);
    return List.of(Event.burstOf(s));
  }

  @Override
  public void remember(int partition, String key, byte[] value) {
    Story s = read(value);
    if (s == null || s.closed()) {
      forgetStory(partition, key);
    } else if (s.burstAt() != null) {
      remember(partition, s);
    }
  }

  /** A closed story (its last record) or a tombstone: it never bursts again, so nothing to remember. */
  private void forgetStory(int partition, String key) {
    Map<String, Instant> p = bursts.get(partition);
    if (p != null && key != null) {
      p.remove(key);
    }
  }

  private void remember(int partition, Story s) {
    bursts.computeIfAbsent(partition, x -> new HashMap<>()).merge(s.id(), s.burstAt(),
        (a, b) -> a.isAfter(b) ? a : b);
  }

  /** Stories of {@code partition} whose burst is remembered. */
  int remembered(int partition) {
    Map<String, Instant> p = bursts.get(partition);
    return p == null ? 0 : p.size();
  }

  private Story read(byte[] value) {
    return value == null ? null : topic.valueSerde().deserializer().deserialize(topic.name(), value);
  }

  @Override
  public void forget(int partition) {
    bursts.remove(partition);
  }
}
