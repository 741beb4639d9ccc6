package io.wirewatch.process;

import io.wirewatch.model.Article;
import io.wirewatch.model.DeadLetter;
import io.wirewatch.process.alert.PendingAlert;
import java.util.List;

/**
 * What became of one raw record: an article with its alerts (and dead letters of rules that failed
 * on it), a dead letter instead of an article, or nothing (an exact repeat). The topology routes on
 * it.
 */
public record Outcome(Article article, List<PendingAlert> alerts, List<DeadLetter> deadLetters) {

  static final Outcome REPEAT = new Outcome(null, List.of(), List.of());

  public Outcome {
    alerts = List.copyOf(alerts);
    deadLetters = List.copyOf(deadLetters);
  }

  static Outcome of(Article article, List<PendingAlert> alerts, List<DeadLetter> ruleFailures) {
    return new Outcome(article, alerts, ruleFailures);
  }

  static Outcome failed(DeadLetter letter) {
    return new Outcome(null, List.of(), List.of(letter));
  }

  public boolean isArticle() {
    return article != null;
  }
}
