package io.wirewatch.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Articles from every outlet about one real-world event, grouped as they stream in: the value of
 * {@code news.stories}, keyed by {@link #id()}. Each change of a story (an article joins, a burst
 * starts, the story closes) writes its latest state; the topic is compacted, so a consumer that
 * keeps the latest value per key holds every story.
 *
 * @param id           the story's id, stable for its whole life
 * @param headline     the headline of its most central article
 * @param language     ISO 639-1 code of its articles (stories are grouped per language)
 * @param firstSeen    when its first article arrived (event time)
 * @param lastSeen     when its latest article arrived
 * @param articleCount articles in the story
 * @param sourceCount  distinct sources among them
 * @param sources      those sources, in order of first sighting (at most {@link #MAX_SOURCES})
 * @param latest       its latest articles, newest first (at most {@link #MAX_LATEST})
 * @param countries    ISO 3166-1 codes its articles mention, most mentioned first
 * @param categories   categories of its articles, most frequent first
 * @param topTerms     the words that make it distinctive, highest weight first
 * @param hourly       articles per hour over the last 24 hours up to {@code lastSeen}, oldest first
 * @param burstAt      when its current or latest burst (breaking news) began, or null for none
 * @param closed       true on the last record of a story no article joined within the inactivity
 *                     window; a closed story is never joined again
 */
public record Story(
    String id,
    String headline,
    String language,
    Instant firstSeen,
    Instant lastSeen,
    int articleCount,
    int sourceCount,
    List<String> sources,
    List<StoryArticle> latest,
    List<String> countries,
    List<String> categories,
    List<String> topTerms,
    List<Integer> hourly,
    Instant burstAt,
    boolean closed) {

  public static final int MAX_SOURCES = 50;
  public static final int MAX_LATEST = 20;

  public Story {
    Objects.requireNonNull(id, "id");
    sources = sources == null ? List.of() : List.copyOf(sources);
    latest = latest == null ? List.of() : List.copyOf(latest);
    countries = countries == null ? List.of() : List.copyOf(countries);
    categories = categories == null ? List.of() : List.copyOf(categories);
    topTerms = topTerms == null ? List.of() : List.copyOf(topTerms);
    hourly = hourly == null ? List.of() : List.copyOf(hourly);
  }

  /**
   * One article of a story, as a reader of the story needs it.
   *
   * @param id        the article's id
   * @param url       its canonical URL
   * @param title     its headline
   * @param sourceId  the source that carried it
   * @param published its publication time, else when it arrived
   */
  public record StoryArticle(String id, String url, String title, String sourceId, Instant published) {

    public StoryArticle {
      Objects.requireNonNull(id, "id");
    }
  }
}
