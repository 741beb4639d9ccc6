package io.wirewatch.process.alert;

import io.wirewatch.model.Alert;
import io.wirewatch.model.Article;
import java.time.Clock;
import java.util.List;

/** Turns an article's rule matches into alerts. */
public final class AlertRaiser {

  private final RuleMatcher matcher;
  private final Clock clock;

  public AlertRaiser(RuleMatcher matcher, Clock clock) {
    this.matcher = matcher;
    this.clock = clock;
  }

  public List<Alert> alertsFor(Article a) {
    return matcher.match(a.title(), a.text()).stream()
        .map(m -> new Alert(m.rule().id(), m.rule().severity(), a.id(), a.url(), a.title(),
            a.sourceId(), a.published(), m.terms(), m.snippet(), a.categories(), clock.instant()))
        .toList();
  }
}
