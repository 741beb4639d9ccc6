package io.wirewatch.process.story;

import io.wirewatch.model.Alert;
import io.wirewatch.model.Article;
import io.wirewatch.model.CountryMention;
import io.wirewatch.model.Rule;
import io.wirewatch.process.StateView;
import io.wirewatch.process.alert.PendingAlert;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Keeps the stories of one language as its articles arrive: assigns each article to a story
 * ({@link StoryAssigner}), keeps what readers of the story need beside ({@link StoryMeta}: categories,
 * articles per hour, bursts), closes the stories no article joined within the window, and says what
 * to publish: the story as {@code news.stories} shows it, an alert when the story bursts, the stories
 * closed.
 *
 * <p>No Kafka here: the topology hands it its stores through {@link StoryState} and
 * {@link StateView}, one tracker per language, fed by one thread. Event time is the article's
 * published time, unless it has none or claims one after its arrival (the record's time, passed
 * by the caller); the alert's own times are the
 * clock's, as every alert's.
 */
public final class StoryTracker {

  /**
   * What one article did to its language's stories.
   *
   * @param article the article with its story id
   * @param story   the story's new state, or null when it did not change (a revision of an article
   *                the story already counts)
   * @param started true when the article started the story
   * @param burst   the story's burst alert when it burst at this article, else null
   * @param closed  the stories closed at this article's time
   */
  public record Tracked(Article article, io.wirewatch.model.Story story, boolean started, PendingAlert burst,
      List<io.wirewatch.model.Story> closed) {}

  private static final String PACE_KEY = "#pace";
  private static final int TOP_TERMS = 10;
  private static final int TOP_CATEGORIES = 5;

  private final String language;
  private final StoryAssigner assigner;
  private final StoryAnalyzer analyzer;
  private final StoryMemberships memberships;
  private final StateView<StoryMeta> meta;
  private final StateView<StreamPace> pace;
  private final BurstDetector bursts;
  private final Clock clock;

  /**
   * @param analyzer    the assigner's analyzer (given the countries the classifier found, it skips its own pass)
   * @param memberships the story of each recent article, for its revisions
   * @param meta        per story id, what readers need beside the assigner's state
   * @param pace        the language's stream pace, under one key
   */
  public StoryTracker(String language, StoryAssigner assigner, StoryAnalyzer analyzer, StoryMemberships memberships,
      StateView<StoryMeta> meta, StateView<StreamPace> pace, BurstDetector bursts, Clock clock) {
    this.language = Objects.requireNonNull(language, "language");
    this.assigner = Objects.requireNonNull(assigner, "assigner");
    this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
    this.memberships = Objects.requireNonNull(memberships, "memberships");
    this.meta = meta;
    this.pace = pace;
    this.bursts = bursts;
    this.clock = clock;
  }

  /**
   * Assigns {@code article} (of this tracker's language) and returns what to publish.
   *
   * @param arrived when the article arrived (the record's time): its event time when it has no
   *                publication time, or claims one later than its arrival
   */
  public Tracked track(Article article, Instant arrived) {
    // A date in the future is a feed's mistake, not news from tomorrow: taken as is, one such
    // article would move the stream's clock ahead and close every story at once.
    Instant published = article.published() == null || article.published().isAfter(arrived) ? null : article.published();
    Instant time = published != null ? published : arrived;
    if (article.revision() > 0) {
      String joined = memberships.storyOf(article.id(), arrived);
      if (joined != null) {
        return new Tracked(article.withStory(joined), null, false, null, List.of());
      }
    }
    List<io.wirewatch.model.Story> closed = new ArrayList<>();
    for (Story s : assigner.closeExpired(time)) {
      StoryMeta m = meta.get(s.id());
      closed.add(snapshot(s, m, true));
      meta.put(s.id(), null);
    }
    StoryItem item = new StoryItem(article.id(), article.title(), article.text(), published,
        article.sourceId(), language, article.url());
    StoryAssignment a = assigner.assign(item, analyzer.analyze(item.title(), item.text(), article.countries()), arrived);
    Story s = a.story();
    memberships.remember(article.id(), s.id(), arrived);

    StreamPace p = pace.get(PACE_KEY);
    p = (p == null ? StreamPace.start(bursts.settings().window(), a.time()) : p).with(a.time());
    pace.put(PACE_KEY, p);

    StoryMeta m = meta.get(s.id());
    if (m == null) {
      m = StoryMeta.start(s.firstSeen());
    }
    BurstDetector.Outcome o = bursts.arrive(m.bursts(), new BurstDetector.Arrival(a.time(), article.sourceId()),
        p.total(), assigner.indexedStories());
    m = m.with(a.time(), article.categories(), o.history());
    meta.put(s.id(), m);
    io.wirewatch.model.Story snapshot = snapshot(s, m, false);
    PendingAlert burst = o.burst() ? burstAlert(article, snapshot, o) : null;
    return new Tracked(article.withStory(s.id()), snapshot, a.started(), burst, closed);
  }

  private PendingAlert burstAlert(Article article, io.wirewatch.model.Story story, BurstDetector.Outcome o) {
    Instant now = clock.instant();
    String snippet = String.format(Locale.ROOT, "%d articles from %d sources in the last %d minutes: %s",
        o.inWindow(), o.sourcesInWindow(), bursts.settings().window().toMinutes(), story.headline());
    Alert alert = new Alert(Rule.BURST_RULE_ID, 0, "warning", article.id(), article.url(), story.headline(),
        article.sourceId(), article.published(), List.of(), snippet, story.categories(), story.countries(),
        null, 1, story.sources(), now, now, story.id(), null);
    // Keyed by story: a second surge of the same story within the window updates this alert.
    return new PendingAlert(alert, bursts.settings().window(), false);
  }

  /** The story as {@code news.stories} shows it. */
  io.wirewatch.model.Story snapshot(Story s, StoryMeta m, boolean closed) {
    StoryMeta meta = m == null ? StoryMeta.start(s.firstSeen()) : m;
    return new io.wirewatch.model.Story(
        s.id(), s.headline(), s.language() == null ? language : s.language(), s.firstSeen(), s.lastSeen(),
        (int) Math.min(Integer.MAX_VALUE, s.articleCount()), s.sourceCount(), s.sources(),
        s.latestArticles().stream().map(x -> new io.wirewatch.model.Story.StoryArticle(
            x.id(), x.url(), x.title(), x.source(), x.published())).toList(),
        s.countries().stream().map(CountryMention::code).toList(),
        meta.topCategories(TOP_CATEGORIES),
        s.topTerms().stream().limit(TOP_TERMS).toList(),
        meta.hourlyUntil(s.lastSeen()),
        meta.bursts().burstAt(),
        closed);
  }

  /** Stories in the candidate index, for metrics and logs. */
  public int stories() {
    return assigner.indexedStories();
  }
}
