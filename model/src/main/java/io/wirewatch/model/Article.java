package io.wirewatch.model;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A cleaned and classified article: the value of {@code news.articles}.
 *
 * @param id          same id as the raw article it was cleaned from
 * @param sourceId    the source that led to it
 * @param url         canonical URL
 * @param title       the article's own headline (not the page title with the site name appended)
 * @param byline      author(s) as the page states them, or null
 * @param published   publication time in UTC, or null when neither page nor feed carries one
 * @param language    ISO 639-1 code, or {@code "und"} when the text is too short to tell
 * @param text        main text, paragraphs separated by a blank line, boilerplate removed
 * @param categories  ids of the taxonomy categories the article matched, sorted
 * @param fetchedAt   when the page was fetched
 * @param contentHash hash of the raw page this was cleaned from
 * @param revision    1 for the first version seen, incremented each time the page changed
 * @param countries   countries the headline and text mention, most mentioned first (ISO 3166-1)
 * @param topic       the learned topic label, or null when no topic model is configured
 * @param categoryScores the taxonomy score of each category in {@code categories}, by id (sorted);
 *                    empty from producers that do not score
 * @param storyId     the story ({@code news.stories}) the article was grouped into, or null when it
 *                    was not grouped (a producer without stories, or a grouping failure)
 */
public record Article(
    String id,
    String sourceId,
    String url,
    String title,
    String byline,
    Instant published,
    String language,
    String text,
    List<String> categories,
    Instant fetchedAt,
    String contentHash,
    int revision,
    List<CountryMention> countries,
    TopicLabel topic,
    Map<String, Double> categoryScores,
    String storyId) {

  /** An article without category scores, for producers that assign categories without scoring. */
  public Article(String id, String sourceId, String url, String title, String byline, Instant published,
      String language, String text, List<String> categories, Instant fetchedAt, String contentHash, int revision,
      List<CountryMention> countries, TopicLabel topic) {
    this(id, sourceId, url, title, byline, published, language, text, categories, fetchedAt, contentHash, revision,
        countries, topic, null, null);
  }

  /** An article without countries or topic, for producers that do not classify. */
  public Article(String id, String sourceId, String url, String title, String byline, Instant published,
      String language, String text, List<String> categories, Instant fetchedAt, String contentHash, int revision) {
    this(id, sourceId, url, title, byline, published, language, text, categories, fetchedAt, contentHash, revision,
        List.of(), null, null, null);
  }

  public Article {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    title = title == null ? "" : title;
    text = text == null ? "" : text;
    categories = categories == null ? List.of() : List.copyOf(categories);
    countries = countries == null ? List.of() : List.copyOf(countries);
    // Sorted by id so that the JSON is the same for the same article, whatever map the caller built.
    categoryScores = categoryScores == null || categoryScores.isEmpty()
        ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(categoryScores));
  }

  /** This article as grouped into story {@code id}. */
  public Article withStory(String id) {
    return new Article(this.id, sourceId, url, title, byline, published, language, text, categories, fetchedAt,
        contentHash, revision, countries, topic, categoryScores, id);
  }
}
