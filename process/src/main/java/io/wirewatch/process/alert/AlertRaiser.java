package io.wirewatch.process.alert;

import io.wirewatch.model.Alert;
import io.wirewatch.model.Article;
import io.wirewatch.model.CountryMention;
import io.wirewatch.model.Rule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.wirewatch.process.match.MatchResult;
import java.util.List;

/** Turns an article's rule matches into alerts, keeping only rules whose filters accept the article. */
public final class AlertRaiser {

  private final RuleBook rules;
  private final Duration defaultWindow;
  private final Clock clock;

  /** @param defaultWindow the flood-control window of a rule that names none */
  public AlertRaiser(RuleBook rules, Duration defaultWindow, Clock clock) {
    this.rules = rules;
    this.defaultWindow = defaultWindow;
    this.clock = clock;
  }

  /**
   * What an article raises.
   *
   * @param alerts   one per matching rule, with the rule's window for flood control
   * @param failures rules that threw while being checked against the article (they raised nothing)
   */
  public record Raised(List<PendingAlert> alerts, List<RuleError> failures) {}

  public Raised raise(Article a) {
    return raise(a, rules.matchDetailed(a.title(), a.text()));
  }

  /** What an article raises, from what the shared matcher already found in it. */
  public Raised raise(Article a, MatchResult<Object> matches) {
    return raise(a, rules.matchDetailed(matches));
  }

  private Raised raise(Article a, RuleBook.Result found) {
    List<RuleMatch> matches = found.matches().stream()
        .filter(m -> m.rule().filters().accepts(a))
        .toList();
    if (matches.isEmpty()) {
      return new Raised(List.of(), found.failures());
    }
    String fingerprint = StoryFingerprint.of(a.title(), a.text());
    Instant now = clock.instant();
    List<PendingAlert> alerts = matches.stream()
        .map(m -> new PendingAlert(new Alert(m.rule().id(), m.rule().version(), m.rule().severity(), a.id(), a.url(),
            a.title(), a.sourceId(), a.published(), m.terms(), m.snippet(), a.categories(),
            a.countries().stream().map(CountryMention::code).toList(), fingerprint, 1,
            null, now, now, a.storyId(), null), windowOf(m.rule()), m.rule().perArticle()))
        .toList();
    return new Raised(alerts, found.failures());
  }

  /** The alerts an article raises, without flood-control details: for tools without Kafka. */
  public List<Alert> alertsFor(Article a) {
    return raise(a).alerts().stream().map(PendingAlert::alert).toList();
  }

  private Duration windowOf(Rule r) {
    return r.windowDuration() == null ? defaultWindow : r.windowDuration();
  }
}
