package io.wirewatch.process;

import io.wirewatch.model.Article;
import io.wirewatch.model.RawArticle;
import io.wirewatch.model.TopicLabel;
import io.wirewatch.process.classify.CategoryScore;
import io.wirewatch.process.classify.CountryGazetteer;
import io.wirewatch.process.classify.LanguageGuesser;
import io.wirewatch.process.classify.Taxonomy;
import io.wirewatch.process.clean.ArticleCleaner;
import io.wirewatch.process.classify.TopicModel;
import io.wirewatch.process.clean.CleanedPage;
import io.wirewatch.process.alert.RuleBook;
import io.wirewatch.process.match.MatchResult;
import io.wirewatch.process.match.QueryMatcher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Raw page in, cleaned and classified article out, in two steps so that a failure says which one
 * failed ({@code process.clean} or {@code process.classify}). No Kafka here: the topology calls it.
 */
public final class ArticleProcessor {

  private final ArticleCleaner cleaner;
  private final Taxonomy taxonomy;
  private final LanguageGuesser languages;
  private final CountryGazetteer countries;
  private final TopicModel topics;
  private final QueryMatcher<Object> shared;

  /**
   * @param countries the gazetteer the countries come from
   * @param topics    the learned topic model, or null to leave {@link Article#topic()} null
   */
  public ArticleProcessor(ArticleCleaner cleaner, Taxonomy taxonomy, LanguageGuesser languages,
      CountryGazetteer countries, TopicModel topics) {
    this(cleaner, taxonomy, languages, countries, topics, null);
  }

  /**
   * @param shared the matcher that holds the taxonomy's queries and the alert rules together, so
   *               that an article is analysed and matched once for both; null when the taxonomy
   *               has a matcher of its own
   */
  public ArticleProcessor(ArticleCleaner cleaner, Taxonomy taxonomy, LanguageGuesser languages,
      CountryGazetteer countries, TopicModel topics, QueryMatcher<Object> shared) {
    this.cleaner = cleaner;
    this.taxonomy = taxonomy;
    this.languages = languages;
    this.countries = countries;
    this.topics = topics;
    this.shared = shared;
  }

  /** Cleaning and classification in one call, for tools that process pages without Kafka. */
  public Article process(RawArticle raw, int revision) {
    return classify(raw, clean(raw), revision).article();
  }

  /**
   * A classified article, and what the shared matcher found in it (null without one): the alert
   * rules' matches are among them, so that the article is not matched a second time for alerts.
   */
  public record Classified(Article article, MatchResult<Object> matches) {}

  /** The page's headline, metadata and main text. */
  public CleanedPage clean(RawArticle raw) {
    return cleaner.clean(raw.html(), raw.url());
  }

  /** The article: the cleaned page with its language, categories, countries and topic. */
  public Classified classify(RawArticle raw, CleanedPage page, int revision) {
    // The page's own headline wins; the feed's title is a fallback for pages without one.
    String title = page.title() == null || page.title().isBlank() ? raw.feedTitle() : page.title();
    String detected = languages.guess(page.text());
    String language = LanguageGuesser.UNDETERMINED.equals(detected) && page.language() != null
        ? page.language() : detected;
    MatchResult<Object> found = shared == null ? null : shared.match(title, page.text(), RuleBook::detail);
    List<CategoryScore> categories = found == null ? taxonomy.classify(title, page.text()) : taxonomy.classify(found);
    Map<String, Double> scores = new LinkedHashMap<>();
    categories.forEach(c -> scores.put(c.id(), c.score()));
    Article article = new Article(
        raw.id(),
        raw.sourceId(),
        raw.url(),
        title,
        page.byline(),
        page.published() != null ? page.published() : raw.feedPublished(),
        language,
        page.text(),
        categories.stream().map(CategoryScore::id).toList(),
        raw.fetchedAt(),
        raw.contentHash(),
        revision,
        countries.mentions(title, page.text()),
        topic(title, page.text()),
        scores,
        null); // the story is assigned downstream, across all partitions of a language
    return new Classified(article, found);
  }

  private TopicLabel topic(String title, String text) {
    return topics == null ? null : topics.predict(title, text);
  }
}
