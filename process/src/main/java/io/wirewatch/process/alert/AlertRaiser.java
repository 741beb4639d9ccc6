package io.wirewatch.process.alert;

import io.wirewatch.model.Alert;
import io.wirewatch.model.Article;
import io.wirewatch.model.CountryMention;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Turns an article's rule matches into alerts, keeping only rules whose filters accept the article. */
public final class AlertRaiser {

  private final RuleMatcher matcher;
  private final Clock clock;

  public AlertRaiser(RuleMatcher matcher, Clock clock) {
    this.matcher = matcher;
    this.clock = clock;
  }

  public List<Alert> alertsFor(Article a) {
    List<RuleMatch> matches = matcher.match(a.title(), a.text()).stream()
        .filter(m -> m.rule().filters().accepts(a))
        .toList();
    if (matches.isEmpty()) {
      return List.of();
    }
    String fingerprint = StoryFingerprint.of(a.title(), a.text());
    Instant now = clock.instant();
    return matches.stream()
        .map(m -> new Alert(m.rule().id(), m.rule().version(), m.rule().severity(), a.id(), a.url(), a.title(),
            a.sourceId(), a.published(), m.terms(), m.snippet(), a.categories(),
            a.countries().stream().map(CountryMention::code).toList(), fingerprint, 1,
            null, now, now))
        .toList();
  }
}
