package io.wirewatch.process.story;

import io.wirewatch.model.CountryMention;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The whole state of one active story: what the assigner scores an article against and what the
 * {@code news.stories} record shows. Every field is bounded (see {@link StoryConfig}), so a story
 * costs the same whether it has 3 articles or 3,000, and the record is a plain value that Jackson
 * writes and reads (it is what a changelogged key-value store holds, keyed by {@link #id()}).
 *
 * @param id               derived from the first article's id
 * @param language         the language the assigner that owns it works on (may be null)
 * @param headline         title of the most central article so far (see {@link #headlineScore()})
 * @param headlineArticleId id of that article
 * @param headlineScore    that article's similarity to the story when it joined; the first article
 *                         takes the score of the second (the similarity is symmetric)
 * @param firstSeen        event time of the first article
 * @param lastSeen         latest event time of any article; the story closes {@code window} after it
 * @param articleCount     articles assigned so far
 * @param sourceCount      distinct sources; exact up to {@link StoryConfig#maxSources()}, beyond that
 *                         an article from a source not listed counts as a new one
 * @param sources          distinct sources in order of first appearance, bounded
 * @param latestArticles   the most recent articles, newest first, bounded
 * @param countries        countries by the number of articles that mention them, bounded
 * @param topTerms         the story's distinctive terms, heaviest first: what the candidate index
 *                         files the story under (the index is rebuilt from this field)
 * @param text             centroid of the articles' unit TF-IDF vectors (headline and body), heaviest terms only
 * @param entities         centroid of the articles' proper-noun vectors (words written with a capital
 *                         inside a sentence), heaviest terms only; empty for lower-cased text
 * @param casedArticles    articles whose text had usable capitals
 * @param signatures       MinHash signatures of the first and the most recent articles, bounded
 */
public record Story(
    String id,
    String language,
    String headline,
    String headlineArticleId,
    float headlineScore,
    Instant firstSeen,
    Instant lastSeen,
    long articleCount,
    int sourceCount,
    List<String> sources,
    List<StoryArticle> latestArticles,
    List<CountryMention> countries,
    List<String> topTerms,
    TermVector text,
    TermVector entities,
    int casedArticles,
    List<int[]> signatures) {

  public Story {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
    sources = sources == null ? List.of() : List.copyOf(sources);
    latestArticles = latestArticles == null ? List.of() : List.copyOf(latestArticles);
    countries = countries == null ? List.of() : List.copyOf(countries);
    topTerms = topTerms == null ? List.of() : List.copyOf(topTerms);
    text = text == null ? TermVector.EMPTY : text;
    entities = entities == null ? TermVector.EMPTY : entities;
    signatures = signatures == null ? List.of() : List.copyOf(signatures);
  }

  /** Whether an article at {@code time} may still join: the story has been active within the window. */
  public boolean activeAt(Instant time, Duration window) {
    return !lastSeen.plus(window).isBefore(time);
  }
}
