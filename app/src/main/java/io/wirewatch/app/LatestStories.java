package io.wirewatch.app;

import io.wirewatch.model.Story;
import io.wirewatch.model.Topic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The latest state of each story, fed the records of {@code news.stories} in order: what a reader of
 * the compacted topic keeps (a tombstone removes a story). Bounded: past {@code max} stories the one
 * least recently written or read is dropped.
 */
final class LatestStories {

  private final Topic<String, Story> topic;
  private final Map<String, Story> byId;

  LatestStories(Topic<String, Story> topic, int max) {
    this.topic = topic;
    this.byId = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Story> eldest) {
        return size() > max;
      }
    };
  }

  /** Takes one record; false when its value is not a story (it is then left out, the rest kept). */
  boolean accept(ConsumerRecord<String, byte[]> r) {
    if (r.value() == null) {
      byId.remove(r.key());
      return true;
    }
    try {
      byId.put(r.key(), topic.valueSerde().deserializer().deserialize(topic.name(), r.value()));
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  Story get(String id) {
    return id == null ? null : byId.get(id);
  }

  int size() {
    return byId.size();
  }

  boolean isEmpty() {
    return byId.isEmpty();
  }

  List<Story> all() {
    return new ArrayList<>(byId.values());
  }
}
