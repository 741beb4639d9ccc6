package io.wirewatch.process;

import io.wirewatch.model.Article;
import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.RawArticle;
import io.wirewatch.model.Stage;
import io.wirewatch.model.Topic;
import io.wirewatch.process.alert.AlertRaiser;
import io.wirewatch.process.alert.RuleFailureReporter;
import io.wirewatch.process.clean.CleanedPage;
import io.wirewatch.process.dedup.Revisions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The whole per-record logic of the process stage: decode, drop repeats, clean, classify, match.
 * Any failure becomes a dead letter carrying the stage, the reason and the input, and the next
 * record is handled as if nothing happened.
 */
public final class RawRecordHandler {

  private final Topic<String, RawArticle> rawTopic;
  private final ArticleProcessor processor;
  private final AlertRaiser alerts;
  private final RuleFailureReporter ruleFailures;
  private final Clock clock;
  private final ProcessMetrics metrics;

  public RawRecordHandler(Topic<String, RawArticle> rawTopic, ArticleProcessor processor, AlertRaiser alerts,
      RuleFailureReporter ruleFailures, Clock clock) {
    this(rawTopic, processor, alerts, ruleFailures, clock, ProcessMetrics.none());
  }

  /** @param metrics counts each record's outcome and times its steps */
  public RawRecordHandler(Topic<String, RawArticle> rawTopic, ArticleProcessor processor, AlertRaiser alerts,
      RuleFailureReporter ruleFailures, Clock clock, ProcessMetrics metrics) {
    this.metrics = metrics;
    this.rawTopic = rawTopic;
    this.processor = processor;
    this.alerts = alerts;
    this.ruleFailures = ruleFailures;
    this.clock = clock;
  }

  /**
   * @param revisions article id to {@code "<revision> <contentHash>"}; a Streams store in production
   */
  public Outcome handle(String key, byte[] value, StateView<String> revisions) {
    Outcome outcome = decide(key, value, revisions);
    metrics.outcome(outcome);
    return outcome;
  }

  private Outcome decide(String key, byte[] value, StateView<String> revisions) {
    RawArticle raw;
    try {
      raw = rawTopic.valueSerde().deserializer().deserialize(rawTopic.name(), value);
      if (raw == null) {
        throw new IllegalArgumentException("empty value (a tombstone is not a page)");
      }
      if (!raw.id().equals(key)) {
        // Revisions are kept per partition: a record keyed otherwise would be checked in the
        // wrong place and could be raised twice.
        throw new IllegalArgumentException("record key '" + key + "' is not the article id '" + raw.id() + "'");
      }
    } catch (RuntimeException e) {
      return Outcome.failed(DeadLetter.of(Stage.PROCESS_DECODE, key, e, preview(value), clock.instant()));
    }
    String stored = revisions.get(raw.id());
    int revision = Revisions.next(stored, raw.contentHash());
    if (revision == 0) {
      return Outcome.REPEAT;
    }
    CleanedPage page;
    try {
      page = metrics.time(ProcessMetrics.CLEAN, () -> processor.clean(raw));
    } catch (RuntimeException e) {
      return Outcome.failed(DeadLetter.of(Stage.PROCESS_CLEAN, raw.url(), e, raw.html(), clock.instant()));
    }
    ArticleProcessor.Classified classified;
    try {
      // With a shared matcher, classifying also finds the rules' matches: the article is matched once.
      classified = metrics.time(ProcessMetrics.CLASSIFY, () -> processor.classify(raw, page, revision));
    } catch (RuntimeException e) {
      return Outcome.failed(DeadLetter.of(Stage.PROCESS_CLASSIFY, raw.url(), e, page.text(), clock.instant()));
    }
    Article article = classified.article();
    AlertRaiser.Raised raised;
    try {
      raised = metrics.time(ProcessMetrics.MATCH, () -> classified.matches() == null
          ? alerts.raise(article) : alerts.raise(article, classified.matches()));
    } catch (RuntimeException e) {
      return Outcome.failed(DeadLetter.of(Stage.PROCESS_ALERT, raw.url(), e, article.title(), clock.instant()));
    }
    // Only a page that went all the way through is remembered, so a failed one is retried when
    // ingest delivers it again.
    revisions.put(raw.id(), Revisions.store(revision, raw.contentHash()));
    return Outcome.of(article, raised.alerts(), ruleFailures.report(raised.failures(), raw.url()));
  }

  private static String preview(byte[] value) {
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }
}
