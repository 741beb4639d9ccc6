package io.wirewatch.process.story;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Breaking news: decides when a story bursts, that is when its articles and their outlets jump
 * within a short window, well above the story's own earlier pace and the stream's.
 *
 * <p>The rule, and why each part: a story bursts at the arrival of an article when, within the
 * {@code window} that ends with it,
 * <ol>
 *   <li>it has at least {@code articles} articles from at least {@code sources} distinct sources —
 *       one desk filing updates is not breaking news, several outlets at once is;
 *   <li>that count is at least {@code factor} times the story's own average per window before this
 *       one — a story that has run at that pace for days is big, not breaking;
 *   <li>that count is at least {@code factor} times the other stories' average per window (the
 *       stream's articles in the window, less the story's own, over the other active stories) — on a
 *       day when every story moves fast, only the fastest bursts;
 * </ol>
 * and it has not burst within the last two windows, so that one surge raises one burst, not one
 * per article. Event time only: the same articles in the same order burst at the same article.
 *
 * <p>State is a bounded {@link History} per story (the latest arrivals within the window) kept by
 * the caller in a changelogged store, and the stream's rate, which the caller passes in.
 */
public final class BurstDetector {

  /**
   * Thresholds of the rule.
   *
   * @param articles at least this many articles within the window
   * @param sources  from at least this many distinct sources
   * @param window   the window
   * @param factor   and at least this many times the story's own and the stream's usual pace
   */
  public record Settings(int articles, int sources, Duration window, double factor) {
    public Settings {
      if (articles < 2 || sources < 1 || sources > articles) {
        throw new IllegalArgumentException("burst: need 2 <= articles and 1 <= sources <= articles, got "
            + articles + " articles, " + sources + " sources");
      }
      Objects.requireNonNull(window, "window");
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("burst: window must be positive, got " + window);
      }
      if (factor < 1) {
        throw new IllegalArgumentException("burst: factor must be at least 1, got " + factor);
      }
    }
  }

  /** One arrival: when, and from which source. */
  public record Arrival(Instant at, String source) {}

  /**
   * What the detector remembers of one story: its arrivals within the window (oldest first),
   * when it was first seen, how many articles arrived before those, and its latest burst.
   */
  public record History(List<Arrival> recent, Instant firstSeen, long earlier, Instant burstAt) {
    public History {
      recent = List.copyOf(recent);
    }

    public static History start(Instant firstSeen) {
      return new History(List.of(), firstSeen, 0, null);
    }
  }

  /**
   * The outcome of one arrival.
   *
   * @param history the story's history with the arrival
   * @param burst   true when the story burst at this arrival
   * @param inWindow articles within the window, with this one
   * @param sourcesInWindow distinct sources among them
   */
  public record Outcome(History history, boolean burst, int inWindow, int sourcesInWindow) {}

  private final Settings settings;

  public BurstDetector(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Records an arrival in a story and says whether the story bursts with it.
   *
   * @param streamInWindow the stream's articles (its language's) within the window, this one included;
   *                       0 when unknown, which leaves that part of the rule out
   * @param activeStories  the stream's active stories, this one included
   */
  public Outcome arrive(History h, Arrival a, long streamInWindow, int activeStories) {
    Instant from = a.at().minus(settings.window());
    List<Arrival> recent = new ArrayList<>(h.recent().size() + 1);
    long earlier = h.earlier();
    for (Arrival r : h.recent()) {
      if (r.at().isAfter(from)) {
        recent.add(r);
      } else {
        earlier++;
      }
    }
    recent.add(a);
    // Bounded: beyond a few times the threshold, more arrivals change no decision.
    int keep = settings.articles() * 4;
    while (recent.size() > keep) {
      recent.remove(0);
      earlier++;
    }
    Set<String> sources = new HashSet<>();
    recent.forEach(r -> sources.add(r.source() == null ? "" : r.source()));
    int n = recent.size();
    boolean enough = n >= settings.articles() && sources.size() >= settings.sources();
    boolean aboveOwnPace = n >= settings.factor() * ownPacePerWindow(h.firstSeen(), from, earlier);
    double othersPace = Math.max(0, streamInWindow - n) / (double) Math.max(1, activeStories - 1);
    boolean aboveStream = streamInWindow <= 0 || n >= settings.factor() * othersPace;
    boolean cooled = h.burstAt() == null || !a.at().isBefore(h.burstAt().plus(settings.window().multipliedBy(2)));
    boolean burst = enough && aboveOwnPace && aboveStream && cooled;
    History next = new History(recent, h.firstSeen(), earlier, burst ? a.at() : h.burstAt());
    return new Outcome(next, burst, n, sources.size());
  }

  /** The story's articles per window before {@code from}: none yet counts as zero pace. */
  private double ownPacePerWindow(Instant firstSeen, Instant from, long earlier) {
    if (earlier == 0 || !from.isAfter(firstSeen)) {
      return 0;
    }
    double windows = Math.max(1.0, Duration.between(firstSeen, from).toMillis() / (double) settings.window().toMillis());
    return earlier / windows;
  }
}
