package io.wirewatch.process.alert;

import io.wirewatch.model.Alert;
import io.wirewatch.process.StateView;
import java.time.Instant;
import java.util.Optional;

/**
 * Flood control: one alert per rule and story. The first article of a story a rule matches raises
 * the alert; each later matching article of the same story updates it (count, sources, articles)
 * instead of raising another, for as long as the alert stays open: its window after its latest
 * update. Without it, a story picked up by twenty outlets pages an analyst twenty times. A rule
 * written {@code per: article} keys by the article's URL instead, so that each article raises its
 * own alert and an edited page updates it; an article without a story is keyed so too.
 *
 * <p>Needs every alert of one rule in one place: the topology partitions alerts by rule id before
 * this step. Alerts are selective, so one rule's alerts are few even when articles are many.
 */
public final class FloodGate {

  /**
   * What the gate remembers of an alert: the alert as last published and until when a match of the
   * same rule on the same story (or page) updates it.
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
   * The alert to publish for {@code fresh}: itself, the earlier alert of its story updated, or
   * nothing when the earlier alert already counts this article (an edit of a page it holds).
   *
   * @param memory earlier alerts by rule and story (or page); a Streams store in production
   */
  public Optional<Alert> admit(PendingAlert fresh, StateView<Memory> memory) {
    Alert alert = fresh.alert();
    String key = key(fresh);
    Memory earlier = memory.get(key);
    if (earlier != null && alert.raisedAt().isBefore(earlier.until())) {
      if (!fresh.perArticle() && earlier.alert().counts(alert.articleId())) {
        // The same article again (a new revision of the page): the story has nothing new to say.
        memory.put(key, new Memory(earlier.alert(), alert.raisedAt().plus(fresh.window())));
        return Optional.empty();
      }
      Alert updated = earlier.alert().seenAgain(alert.asArticle(), alert.raisedAt());
      memory.put(key, new Memory(updated, alert.raisedAt().plus(fresh.window())));
      listener.admitted(updated, true);
      return Optional.of(updated);
    }
    memory.put(key, new Memory(alert, alert.raisedAt().plus(fresh.window())));
    listener.admitted(alert, false);
    return Optional.of(alert);
  }

  static String key(PendingAlert p) {
    Alert a = p.alert();
    return p.perArticle() || a.storyId() == null
        ? a.ruleId() + "|url|" + a.url()
        : a.ruleId() + "|story|" + a.storyId();
  }

  /** True when {@code remembered} can be forgotten at {@code now}: it is closed for updates. */
  public boolean expired(Memory remembered, Instant now) {
    return !now.isBefore(remembered.until());
  }
}
