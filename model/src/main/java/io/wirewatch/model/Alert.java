package io.wirewatch.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A rule that matched an article: the value of {@code news.alerts}, keyed by {@link #key()}.
 *
 * @param ruleId       id of the rule
 * @param severity     {@code info}, {@code warning} or {@code critical}
 * @param articleId    id of the matched article
 * @param url          canonical URL of the article
 * @param title        the article's headline
 * @param sourceId     the source that led to the article
 * @param published    the article's publication time, or null
 * @param matchedTerms the words of the article that matched, lowercased, in order of first appearance
 * @param snippet      text around the first match, the match marked with «guillemets»
 * @param categories   the article's categories
 * @param raisedAt     when the alert was raised
 */
public record Alert(
    String ruleId,
    String severity,
    String articleId,
    String url,
    String title,
    String sourceId,
    Instant published,
    List<String> matchedTerms,
    String snippet,
    List<String> categories,
    Instant raisedAt) {

  public Alert {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(articleId, "articleId");
    matchedTerms = matchedTerms == null ? List.of() : List.copyOf(matchedTerms);
    categories = categories == null ? List.of() : List.copyOf(categories);
  }

  /** One alert per rule and article: the key makes re-deliveries land on the same compacted slot. */
  public String key() {
    return ruleId + "/" + articleId;
  }
}
