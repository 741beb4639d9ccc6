package io.wirewatch.process.alert;

import io.wirewatch.model.Alert;
import io.wirewatch.process.StateView;
import java.time.Instant;
import java.util.List;

/**
 * Flood control: decides whether an alert is new or updates one raised earlier for the same rule
 * on the same URL or the same story text within the rule's window. Without it, a story picked up
 * by twenty outlets, or a page edited ten times, pages an analyst thirty times.
 *
 * <p>Needs every alert of one rule in one place: the topology partitions alerts by rule id before
 * this step. Alerts are selective, so one rule's alerts are few even when articles are many.
 */
public final class FloodGate {

  /**
   * What the gate remembers of an alert: the alert as last published and until when a match of the
   * same rule on the same URL or text updates it.
   */
  public record Memory(Alert alert, Instant until) {}

  /** Told of each decision, e.g. to count alerts raised and updated. */
  public interface Listener {
    Listener NONE = (alert, update) -> {};

    /** {@code alert} is to be published; {@code update} when it is an earlier alert seen again. */
    void admitted(Alert alert, boolean update);
  }

  private final Listener listener;

  public FloodGate() {
    this(Listener.NONE);
  }

  public FloodGate(Listener listener) {
    this.listener = listener;
  }

  /**
   * The alert to publish for {@code fresh}: itself, or the earlier alert seen once more.
   *
   * @param memory earlier alerts by rule and URL and by rule and fingerprint; a Streams store in production
   */
  public Alert admit(PendingAlert fresh, StateView<Memory> memory) {
    Alert alert = fresh.alert();
    Memory earlier = memory.get(key(alert.ruleId(), "url", alert.url()));
    if (earlier == null && alert.fingerprint() != null) {
      earlier = memory.get(key(alert.ruleId(), "text", alert.fingerprint()));
    }
    boolean update = earlier != null && alert.raisedAt().isBefore(earlier.until());
    Memory out = update
        ? new Memory(earlier.alert().seenAgain(alert.sourceId(), alert.raisedAt()), earlier.until())
        : new Memory(alert, alert.raisedAt().plus(fresh.window()));
    // Every way of reaching this story must see the latest count and sources, including the first
    // alert's own URL and text, or a later edit of the first page would publish an older count.
    for (Alert a : earlier == null ? List.of(alert) : List.of(alert, earlier.alert())) {
      memory.put(key(a.ruleId(), "url", a.url()), out);
      if (a.fingerprint() != null) {
        memory.put(key(a.ruleId(), "text", a.fingerprint()), out);
      }
    }
    listener.admitted(out.alert(), update);
    return out.alert();
  }

  private static String key(String rule, String kind, String value) {
    return rule + "|" + kind + "|" + value;
  }

  /** True when {@code remembered} can be forgotten at {@code now}: its window has closed. */
  public boolean expired(Memory remembered, Instant now) {
    return !now.isBefore(remembered.until());
  }
}
