package io.wirewatch.process.story;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of the clusterer. Every per-story field and every per-article step is bounded by one of
 * these, which is what keeps an article's cost flat as the number of stories grows.
 *
 * @param window          a story closes after this long without an article (event time)
 * @param candidates      stories scored per article, the best of the candidate index's answers
 * @param queryTerms      an article's heaviest terms looked up in the candidate index
 * @param indexTerms      a story's heaviest centroid terms filed in the candidate index (its top terms)
 * @param maxPostings     a term filed under more stories than this is too common to find candidates by
 *                        (the article's other terms still are looked up)
 * @param textTerms       terms kept in a story's headline-and-body centroid
 * @param entityTerms     terms kept in a story's proper-noun centroid
 * @param latestArticles  articles a story lists
 * @param maxSources      sources a story lists
 * @param maxCountries    countries a story lists
 * @param signatures      MinHash signatures a story keeps (its first article's and the latest ones)
 * @param duplicateJaccard estimated shingle Jaccard at or above which an article is a copy of a story's
 *                        article and joins it whatever the model says
 * @param priorDocuments  documents without any of an article's terms assumed before the stream starts:
 *                        IDF = ln((N + prior + 1) / (df + 0.5)). Without it, the second article of a cold
 *                        stream finds every word it shares with the first as common as a stop word
 */
public record StoryConfig(
    Duration window,
    int candidates,
    int queryTerms,
    int indexTerms,
    int maxPostings,
    int textTerms,
    int entityTerms,
    int latestArticles,
    int maxSources,
    int maxCountries,
    int signatures,
    double duplicateJaccard,
    int priorDocuments) {

  public static final StoryConfig DEFAULT = new StoryConfig(
      Duration.ofDays(3), 24, 20, 24, 20_000, 100, 30, 10, 50, 10, 4, 0.6, 10);

  public StoryConfig {
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive, got " + window);
    }
    positive("candidates", candidates);
    positive("queryTerms", queryTerms);
    positive("indexTerms", indexTerms);
    positive("maxPostings", maxPostings);
    positive("textTerms", textTerms);
    positive("entityTerms", entityTerms);
    positive("latestArticles", latestArticles);
    positive("maxSources", maxSources);
    positive("maxCountries", maxCountries);
    positive("signatures", signatures);
    if (priorDocuments < 0) {
      throw new IllegalArgumentException("priorDocuments must not be negative, got " + priorDocuments);
    }
    if (!(duplicateJaccard > 0 && duplicateJaccard <= 1)) {
      throw new IllegalArgumentException("duplicateJaccard must be in (0, 1], got " + duplicateJaccard);
    }
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }
  }

  public StoryConfig withWindow(Duration w) {
    return new StoryConfig(w, candidates, queryTerms, indexTerms, maxPostings, textTerms, entityTerms,
        latestArticles, maxSources, maxCountries, signatures, duplicateJaccard, priorDocuments);
  }

  public StoryConfig withCandidates(int c) {
    return new StoryConfig(window, c, queryTerms, indexTerms, maxPostings, textTerms, entityTerms,
        latestArticles, maxSources, maxCountries, signatures, duplicateJaccard, priorDocuments);
  }
}
