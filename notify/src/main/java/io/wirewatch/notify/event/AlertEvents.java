package io.wirewatch.notify.event;

import io.wirewatch.model.Alert;
import io.wirewatch.model.Rule;
import io.wirewatch.model.Topic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code news.alerts} to events: a new alert is {@code alert.raised}; an update (the same rule on
 * the same story again) is {@code alert.updated} when the {@link UpdatePolicy} lets it through.
 * For {@link UpdatePolicy#SEVERITY_RISE} it remembers, per alert, the highest severity seen: an
 * update is delivered when it goes above that.
 *
 * <p>The process stage also writes a story's burst to {@code news.alerts} (rule
 * {@link Rule#BURST_RULE_ID}) so that alert readers see it; here it is skipped, because
 * {@link StoryBursts} delivers the same burst from {@code news.stories} as {@code story.burst},
 * with the story's sources and articles, and one burst must not notify twice.
 */
public final class AlertEvents implements EventSource {

  private final Topic<String, Alert> topic;
  private final UpdatePolicy updates;
  /** Per partition: alert key -> highest severity seen (as delivered or held back). */
  private final Map<Integer, Map<String, Severity>> highest = new HashMap<>();

  public AlertEvents(Topic<String, Alert> topic, UpdatePolicy updates) {
    this.topic = topic;
    this.updates = updates;
  }

  @Override
  public String topic() {
    return topic.name();
  }

  @Override
  public List<Event> events(int partition, String key, byte[] value) {
    Alert a = read(value);
    if (a == null || Rule.BURST_RULE_ID.equals(a.ruleId())) {
      return List.of();
    }
    Severity before = seen(partition, a);
    if (!a.isUpdate()) {
      return List.of(Event.of(a));
    }
    return switch (updates) {
      case NONE -> List.of();
      case EVERY -> List.of(Event.of(a));
      case SEVERITY_RISE -> rises(before, Severity.of(a.severity())) ? List.of(Event.of(a)) : List.of();
    };
  }

  /** An update rises when its severity is known and above the highest seen before (none known: not a rise). */
  private static boolean rises(Severity before, Severity now) {
    return before != null && now != null && now.compareTo(before) > 0;
  }

  @Override
  public void remember(int partition, String key, byte[] value) {
    Alert a = read(value);
    if (a != null) {
      seen(partition, a);
    }
  }

  /** Records {@code a}'s severity and returns the highest one seen for its key before it. */
  private Severity seen(int partition, Alert a) {
    Map<String, Severity> p = highest.computeIfAbsent(partition, x -> new HashMap<>());
    Severity before = p.get(a.key());
    Severity now = Severity.of(a.severity());
    if (now != null && (before == null || now.compareTo(before) > 0)) {
      p.put(a.key(), now);
    }
    return before;
  }

  private Alert read(byte[] value) {
    return value == null ? null : topic.valueSerde().deserializer().deserialize(topic.name(), value);
  }

  @Override
  public void forget(int partition) {
    highest.remove(partition);
  }
}
