package io.wirewatch.process;

import io.wirewatch.model.Alert;
import io.wirewatch.model.Article;
import io.wirewatch.model.ArticleId;
import io.wirewatch.model.RawArticle;
import io.wirewatch.model.Rule;
import io.wirewatch.model.Topics;
import io.wirewatch.process.alert.AlertRaiser;
import io.wirewatch.process.alert.RuleBook;
import io.wirewatch.process.alert.RuleError;
import java.time.Clock;
import java.util.Collection;
import java.util.List;

/**
 * The process stage's path for one page at a time, without Kafka: clean, classify, match, with the
 * same parts the Streams stage builds from the same config. What {@code wirewatch match} and the
 * benchmarks run, so that a rule tried on saved pages means what it means in the pipeline.
 */
public final class PagePipeline implements AutoCloseable {

  private final ProcessComponents parts;
  private final RuleBook rules;
  private final AlertRaiser raiser;

  /** @param rules the rules to match; those refused are listed by {@link #ruleErrors()} */
  public PagePipeline(ProcessConfig config, Collection<Rule> rules, Clock clock) {
    this.parts = new ProcessComponents(config, Topics.DEFAULT, clock);
    try {
      this.rules = new RuleBook(rules);
    } catch (RuntimeException | Error e) {
      parts.close();
      throw e;
    }
    this.raiser = new AlertRaiser(this.rules, config.alertWindow(), clock);
  }

  public List<RuleError> ruleErrors() {
    return rules.errors();
  }

  /**
   * The article a page at {@code url} becomes, as a first revision.
   *
   * @param sourceId the source to name in the article and its alerts
   */
  public Article article(String sourceId, String url, String html) {
    RawArticle raw = new RawArticle(ArticleId.of(url), sourceId, url, null, null, null, "text/html", html,
        ArticleId.contentHash(html));
    return parts.articles().process(raw, 1);
  }

  /** The alerts an article raises, before flood control (which needs the stream). */
  public List<Alert> alerts(Article article) {
    return raiser.alertsFor(article);
  }

  @Override
  public void close() {
    rules.close();
    parts.close();
  }
}
