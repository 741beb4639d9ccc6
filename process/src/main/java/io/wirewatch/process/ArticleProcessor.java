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

  /**
   * @param countries the gazetteer the countries come from
   * @param topics    the learned topic model, or null to leave {@link Article#topic()} null
   */
  public ArticleProcessor(ArticleCleaner cleaner, Taxonomy taxonomy, LanguageGuesser languages,
      CountryGazetteer countries, TopicModel topics) {
    this.cleaner = cleaner;
    this.taxonomy = taxonomy;
    this.languages = languages;
    this.countries = countries;
    this.topics = topics;
  }

  /** Cleaning and classification in one call, for tools that process pages without Kafka. */
  public Article process(RawArticle raw, int revision) {
    return classify(raw, clean(raw), revision);
  }

  /** The page's headline, metadata and main text. */
  public CleanedPage clean(RawArticle raw) {
    return cleaner.clean(raw.html(), raw.url());
  }

  /** The article: the cleaned page with its language, categories, countries and topic. */
  public Article classify(RawArticle raw, CleanedPage page, int revision) {
    // The page's own headline wins; the feed's title is a fallback for pages without one.
    String title = page.title() == null || page.title().isBlank() ? raw.feedTitle() : page.title();
    String detected = languages.guess(page.text());
    String language = LanguageGuesser.UNDETERMINED.equals(detected) && page.language() != null
        ? page.language() : detected;
    List<CategoryScore> categories = taxonomy.classify(title, page.text());
    Map<String, Double> scores = new LinkedHashMap<>();
    categories.forEach(c -> scores.put(c.id(), c.score()));
    return new Article(
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
  }

  private TopicLabel topic(String title, String text) {
    return topics == null ? null : topics.predict(title, text);
  }
}
