package io.wirewatch.notify.channel;

import io.wirewatch.notify.event.Event;
import io.wirewatch.notify.event.EventType;
import io.wirewatch.notify.event.Severity;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which events a channel wants. Every condition set must hold; an empty set means any. A story
 * burst has no rule and no severity: a channel filtering on either gets no bursts.
 *
 * @param events      event types delivered (all when empty)
 * @param minSeverity lowest severity delivered, or null for any
 * @param rules       rule ids
 * @param categories  categories, of which the event must have at least one
 * @param countries   ISO 3166-1 codes, of which the event must have at least one
 */
public record ChannelFilter(Set<EventType> events, Severity minSeverity, Set<String> rules, Set<String> categories,
    Set<String> countries) {

  public static final ChannelFilter ANY = new ChannelFilter(Set.of(), null, Set.of(), Set.of(), Set.of());

  public ChannelFilter {
    events = events.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(events));
    rules = Set.copyOf(rules);
    categories = Set.copyOf(categories);
    countries = Set.copyOf(countries);
  }

  public boolean accepts(Event e) {
    if (!events.isEmpty() && !events.contains(e.type())) {
      return false;
    }
    if (minSeverity != null && (e.severity() == null || e.severity().compareTo(minSeverity) < 0)) {
      return false;
    }
    if (!rules.isEmpty() && (e.ruleId() == null || !rules.contains(e.ruleId()))) {
      return false;
    }
    return overlaps(categories, e.categories()) && overlaps(countries, e.countries());
  }

  private static boolean overlaps(Set<String> wanted, Collection<String> has) {
    return wanted.isEmpty() || has.stream().anyMatch(wanted::contains);
  }
}
