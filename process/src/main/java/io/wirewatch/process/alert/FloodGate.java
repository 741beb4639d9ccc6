package io.wirewatch.process.alert;

import io.wirewatch.model.Alert;
import io.wirewatch.process.StateView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Flood control: decides whether an alert is new or updates one raised earlier for the same rule
 * on the same URL or the same story text within the rule's window. Without it, a story picked up
 * by twenty outlets, or a page edited ten times, pages an analyst thirty times.
 *
 * <p>Needs every alert of one rule in one place: the topology partitions alerts by rule id before
 * this step. Alerts are selective, so one rule's alerts are few even when articles are many.
 */
public final class FloodGate {

  private final Function<String, Duration> windowOfRule;

  /** @param windowOfRule the flood-control window of a rule id (its own, else the configured default) */
  public FloodGate(Function<String, Duration> windowOfRule) {
    this.windowOfRule = windowOfRule;
  }

  /** The alert to publish for {@code fresh}: itself, or the earlier alert seen once more. */
  /**
   * @param memory earlier alerts by rule and URL and by rule and fingerprint; a Streams store in production
   */
  public Alert admit(Alert fresh, StateView<Alert> memory) {
    String byUrl = key(fresh.ruleId(), "url", fresh.url());
    String byText = key(fresh.ruleId(), "text", fresh.fingerprint());
    Alert earlier = memory.get(byUrl);
    if (earlier == null && fresh.fingerprint() != null) {
      earlier = memory.get(byText);
    }
    Alert out = earlier != null && withinWindow(earlier, fresh.raisedAt())
        ? earlier.seenAgain(fresh.sourceId(), fresh.raisedAt())
        : fresh;
    // Every way of reaching this story must see the latest count and sources, including the first
    // alert's own URL and text, or a later edit of the first page would publish an older count.
    for (Alert a : earlier == null ? List.of(fresh) : List.of(fresh, earlier)) {
      memory.put(key(a.ruleId(), "url", a.url()), out);
      if (a.fingerprint() != null) {
        memory.put(key(a.ruleId(), "text", a.fingerprint()), out);
      }
    }
    return out;
  }

  private static String key(String rule, String kind, String value) {
    return rule + "|" + kind + "|" + value;
  }

  /** True when {@code remembered} can be forgotten at {@code now}: its window has closed. */
  public boolean expired(Alert remembered, Instant now) {
    return !withinWindow(remembered, now);
  }

  private boolean withinWindow(Alert earlier, Instant now) {
    Duration window = windowOfRule.apply(earlier.ruleId());
    return Duration.between(earlier.raisedAt(), now).compareTo(window) < 0;
  }
}
