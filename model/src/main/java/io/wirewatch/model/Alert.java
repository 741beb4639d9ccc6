package io.wirewatch.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A rule that matched an article: the value of {@code news.alerts}, keyed by {@link #key()}.
 *
 * <p>One alert per rule and story: when the rule matches another article of the same story (the
 * same event told by another outlet, or again), the first alert is written again under its own
 * key with {@code count}, {@code sources} and {@code articles} updated, instead of a new alert.
 * Consumers that keep the latest value per key see one alert per rule and story. A rule written
 * {@code per: article} raises one alert per article instead. A bursting story raises an alert of
 * its own, with rule id {@link Rule#BURST_RULE_ID}.
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
 * @param count        how many articles of the story the rule matched (1 for a new alert)
 * @param sources      every source of those articles, in order of first sighting
 * @param raisedAt     when the alert was first raised
 * @param updatedAt    when it was last updated (equal to raisedAt for a new alert)
 * @param storyId      the story ({@code news.stories}) of the matched article, or null when it has none
 * @param articles     the latest matched articles of the story, newest first (at most {@link #MAX_ARTICLES})
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
    String storyId,
    List<Story.StoryArticle> articles) {

  public static final int MAX_ARTICLES = 10;

  public Alert {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(articleId, "articleId");
    matchedTerms = matchedTerms == null ? List.of() : List.copyOf(matchedTerms);
    categories = categories == null ? List.of() : List.copyOf(categories);
    countries = countries == null ? List.of() : List.copyOf(countries);
    sources = sources == null ? (sourceId == null ? List.of() : List.of(sourceId)) : List.copyOf(sources);
    articles = articles == null ? List.of(new Story.StoryArticle(articleId, url, title, sourceId, published))
        : List.copyOf(articles);
    count = Math.max(1, count);
    updatedAt = updatedAt == null ? raisedAt : updatedAt;
  }

  /** An alert without its list of articles: the matched article alone. */
  public Alert(String ruleId, long ruleVersion, String severity, String articleId, String url, String title,
      String sourceId, Instant published, List<String> matchedTerms, String snippet, List<String> categories,
      List<String> countries, String fingerprint, int count, List<String> sources, Instant raisedAt,
      Instant updatedAt, String storyId) {
    this(ruleId, ruleVersion, severity, articleId, url, title, sourceId, published, matchedTerms, snippet, categories,
        countries, fingerprint, count, sources, raisedAt, updatedAt, storyId, null);
  }

  /** One alert per rule and (first) article: re-deliveries and updates land on the same key. */
  public String key() {
    return ruleId + "/" + articleId;
  }

  /** True when this record updates an alert raised before (flood control). */
  public boolean isUpdate() {
    return count > 1;
  }

  /**
   * This alert updated by another matching article of its story: counted, its source and the
   * article added, at {@code at}.
   */
  public Alert seenAgain(Story.StoryArticle article, Instant at) {
    List<String> s = new ArrayList<>(sources);
    if (article.sourceId() != null && !s.contains(article.sourceId())) {
      s.add(article.sourceId());
    }
    List<Story.StoryArticle> latest = new ArrayList<>(MAX_ARTICLES);
    latest.add(article);
    for (Story.StoryArticle a : articles) {
      if (latest.size() < MAX_ARTICLES && !a.id().equals(article.id())) {
        latest.add(a);
      }
    }
    return new Alert(ruleId, ruleVersion, severity, articleId, url, title, sourceId, published, matchedTerms,
        snippet, categories, countries, fingerprint, count + 1, s, raisedAt, at, storyId, latest);
  }

  /** This alert raised on an article of story {@code id}. */
  public Alert withStory(String id) {
    return new Alert(ruleId, ruleVersion, severity, articleId, url, title, sourceId, published, matchedTerms,
        snippet, categories, countries, fingerprint, count, sources, raisedAt, updatedAt, id, articles);
  }

  /** This alert counted once more, from {@code source}, at {@code at}, for an article it need not list. */
  public Alert seenAgain(String source, Instant at) {
    List<String> s = new ArrayList<>(sources);
    if (source != null && !s.contains(source)) {
      s.add(source);
    }
    return new Alert(ruleId, ruleVersion, severity, articleId, url, title, sourceId, published, matchedTerms,
        snippet, categories, countries, fingerprint, count + 1, s, raisedAt, at, storyId, articles);
  }

  /** True when {@code articleId} is one of the articles this alert already counts. */
  public boolean counts(String articleId) {
    return this.articleId.equals(articleId) || articles.stream().anyMatch(a -> a.id().equals(articleId));
  }

  /** The article this alert was raised on, as an update of another alert lists it. */
  public Story.StoryArticle asArticle() {
    return new Story.StoryArticle(articleId, url, title, sourceId, published);
  }
}
