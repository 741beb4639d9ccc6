package io.wirewatch.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A rule that matched an article: the value of {@code news.alerts}, keyed by {@link #key()}.
 *
 * <p>Flood control: when the same rule fires again on the same URL or on the same text (a story
 * re-published elsewhere) within the rule's window, the first alert is written again under its own
 * key with {@code count} and {@code sources} updated, instead of a new alert. Consumers that keep
 * the latest value per key see one alert per story.
 *
 * @param ruleId       id of the rule
 * @param ruleVersion  version of the rule that matched (its offset in {@code news.rules}; 0 for file rules)
 * @param severity     {@code info}, {@code warning} or {@code critical}
 * @param articleId    id of the (first) matched article
 * @param url          canonical URL of that article
 * @param title        its headline
 * @param sourceId     the source that led to it
 * @param published    its publication time, or null
 * @param matchedTerms the words of the article that matched, lowercased, in order of first appearance
 * @param snippet      text around the first match, the match marked with «guillemets»
 * @param categories   the article's categories
 * @param countries    ISO 3166-1 codes of the countries the article mentions, most mentioned first
 * @param fingerprint  hash of the article's normalised headline and text: equal for copies of one story
 * @param count        how many times the rule fired on this story within the window (1 for a new alert)
 * @param sources      every source that carried the story, in order of first sighting
 * @param raisedAt     when the alert was first raised
 * @param updatedAt    when it was last updated (equal to raisedAt for a new alert)
 * @param storyId      the story ({@code news.stories}) of the matched article, or null when it has none
 */
public record Alert(
    String ruleId,
    long ruleVersion,
    String severity,
    String articleId,
    String url,
    String title,
    String sourceId,
    Instant published,
    List<String> matchedTerms,
    String snippet,
    List<String> categories,
    List<String> countries,
    String fingerprint,
    int count,
    List<String> sources,
    Instant raisedAt,
    Instant updatedAt,
    String storyId) {

  public Alert {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(articleId, "articleId");
    matchedTerms = matchedTerms == null ? List.of() : List.copyOf(matchedTerms);
    categories = categories == null ? List.of() : List.copyOf(categories);
    countries = countries == null ? List.of() : List.copyOf(countries);
    sources = sources == null ? (sourceId == null ? List.of() : List.of(sourceId)) : List.copyOf(sources);
    count = Math.max(1, count);
    updatedAt = updatedAt == null ? raisedAt : updatedAt;
  }

  /** One alert per rule and (first) article: re-deliveries and updates land on the same key. */
  public String key() {
    return ruleId + "/" + articleId;
  }

  /** True when this record updates an alert raised before (flood control). */
  public boolean isUpdate() {
    return count > 1;
  }

  /** This alert seen once more, from {@code source}, at {@code at}. */
  public Alert seenAgain(String source, Instant at) {
    List<String> s = new java.util.ArrayList<>(sources);
    if (source != null && !s.contains(source)) {
      s.add(source);
    }
    return new Alert(ruleId, ruleVersion, severity, articleId, url, title, sourceId, published, matchedTerms,
        snippet, categories, countries, fingerprint, count + 1, s, raisedAt, at, storyId);
  }
}
