package io.wirewatch.process;

import io.wirewatch.model.Alert;
import io.wirewatch.model.Article;
import io.wirewatch.model.DeadLetter;
import java.util.List;

/**
 * What became of one raw record: an article with its alerts, a dead letter, or nothing (an exact
 * repeat). Exactly one of the three shapes; the topology routes on it.
 */
public record Outcome(Article article, List<Alert> alerts, DeadLetter deadLetter) {

  static final Outcome REPEAT = new Outcome(null, List.of(), null);

  static Outcome of(Article article, List<Alert> alerts) {
    return new Outcome(article, alerts, null);
  }

  static Outcome failed(DeadLetter letter) {
    return new Outcome(null, List.of(), letter);
  }

  public boolean isFailure() {
    return deadLetter != null;
  }

  public boolean isArticle() {
    return article != null;
  }
}
