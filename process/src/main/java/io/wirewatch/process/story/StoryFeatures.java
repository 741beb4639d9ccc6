package io.wirewatch.process.story;

import io.wirewatch.model.CountryMention;
import java.util.List;

/**
 * The pairwise features of an article against a story, the inputs of {@link StoryModel}. Each is a
 * similarity of one view of the article to the same view of the story (as Miranda et al. 2018 do,
 * one cosine per view), so that the model can weigh the views: the whole text, the headline, the
 * names, the countries, shingles.
 */
public final class StoryFeatures {

  /** Feature names, in the order of the vector {@link #compute} returns. */
  public static final List<String> NAMES = List.of(
      "text",          // cosine, article TF-IDF vs story centroid (headline and body)
      "title",         // cosine, article headline vs the story's headline centroid
      "titleText",     // cosine, article headline vs the story's text centroid
      "entities",      // cosine of proper-noun vectors (0 when either has no usable capitals)
      "cased",         // 1 when both have usable capitals, so that the model can tell "no names" from "names differ"
      "countries",     // share of the article's countries that the story mentions
      "countryClash",  // 1 when both mention countries and share none
      "duplicate",     // highest estimated shingle Jaccard with the story's kept signatures
      "size",          // ln(1 + articles in the story)
      "coverage",      // share of the article's heaviest terms' weight that the story's centroid has
      "storyCoverage", // share of the story's heaviest terms' weight that the article has
      "entityCoverage", // share of the article's heaviest names' weight that the story's names have
      "novelty",       // weight of the article's heaviest term that the story lacks, relative to its heaviest term
      "numbers",       // share of the article's numbers (two or more characters) that the story's centroid has
      "numberClash",   // 1 when both have numbers and share none
      "length",        // ln(1 + distinct terms of the article): short items have lower similarities
      "cohesionGap",   // text cosine minus the story's mean text cosine of the articles that joined it (0 for one article)
      "single",        // 1 when the story has one article
      "cov2",
      "storyTop3");

  private static final int STORY_TOP = 10;

  private StoryFeatures() {}

  /** Share of the weight of {@code terms} that {@code in} has (has at all, whatever its weight there). */
  static double coverage(String[] terms, float[] weights, TermVector in) {
    double all = 0;
    double found = 0;
    for (int i = 0; i < terms.length; i++) {
      all += weights[i];
      if (java.util.Arrays.binarySearch(in.terms(), terms[i]) >= 0) {
        found += weights[i];
      }
    }
    return all == 0 ? 0 : found / all;
  }

  /** The heaviest of {@code terms} that {@code in} lacks, relative to the heaviest of all. */
  static double novelty(String[] terms, float[] weights, TermVector in) {
    if (terms.length == 0 || weights[0] == 0) {
      return 0;
    }
    for (int i = 0; i < terms.length; i++) {
      if (java.util.Arrays.binarySearch(in.terms(), terms[i]) < 0) {
        return weights[i] / weights[0];
      }
    }
    return 0;
  }

  /** A number worth comparing: digits (with separators), at least two characters ("5.2", "2008", not "3"). */
  static boolean number(String t) {
    if (t.length() < 2 || !Character.isDigit(t.charAt(0))) {
      return false;
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (!Character.isDigit(c) && c != '.' && c != ',') {
        return false;
      }
    }
    return true;
  }

  /** Share of the weight of the story's top terms that the article has. */
  static double storyCoverage(Story story, TermVector article) {
    return storyCoverage(story, article, STORY_TOP);
  }

  static double storyCoverage(Story story, TermVector article, int top0) {
    double all = 0;
    double found = 0;
    List<String> top = story.topTerms();
    for (int i = 0; i < Math.min(top0, top.size()); i++) {
      int k = java.util.Arrays.binarySearch(story.text().terms(), top.get(i));
      double w = k >= 0 ? story.text().weights()[k] : 0;
      all += w;
      if (java.util.Arrays.binarySearch(article.terms(), top.get(i)) >= 0) {
        found += w;
      }
    }
    return all == 0 ? 0 : found / all;
  }

  public static double[] compute(ItemVectors item, TextAnalysis analysis, Story story) {
    double[] f = new double[NAMES.size()];
    f[0] = item.text().cosine(story.text());
    f[1] = item.title().cosine(story.title());
    f[2] = item.title().cosine(story.text());
    boolean cased = analysis.cased() && story.casedArticles() > 0;
    f[3] = cased ? item.entities().cosine(story.entities()) : 0;
    f[4] = cased ? 1 : 0;
    List<CountryMention> mine = analysis.countries();
    if (!mine.isEmpty() && !story.countries().isEmpty()) {
      int shared = 0;
      for (CountryMention m : mine) {
        for (CountryMention s : story.countries()) {
          if (s.code().equals(m.code())) {
            shared++;
            break;
          }
        }
      }
      f[5] = (double) shared / mine.size();
      f[6] = shared == 0 ? 1 : 0;
    }
    double dup = 0;
    for (int[] sig : story.signatures()) {
      dup = Math.max(dup, MinHash.jaccard(analysis.signature(), sig));
    }
    f[7] = dup;
    f[8] = Math.log1p(story.articleCount());
    f[9] = coverage(item.queryTerms(), item.queryWeights(), story.text());
    f[10] = storyCoverage(story, item.text());
    f[11] = cased ? coverage(item.entityTerms(), item.entityWeights(), story.entities()) : 0;
    f[12] = novelty(item.queryTerms(), item.queryWeights(), story.text());
    int numbers = 0;
    int sharedNumbers = 0;
    for (String t : item.text().terms()) {
      if (number(t)) {
        numbers++;
        if (java.util.Arrays.binarySearch(story.text().terms(), t) >= 0) {
          sharedNumbers++;
        }
      }
    }
    boolean storyNumbers = false;
    for (String t : story.text().terms()) {
      if (number(t)) {
        storyNumbers = true;
        break;
      }
    }
    f[13] = numbers == 0 ? 0 : (double) sharedNumbers / numbers;
    f[14] = numbers > 0 && storyNumbers && sharedNumbers == 0 ? 1 : 0;
    f[15] = Math.log1p(item.text().size());
    f[16] = story.articleCount() > 1 ? f[0] - story.meanCohesion() : 0;
    f[17] = story.articleCount() == 1 ? 1 : 0;
    f[18] = coverage(java.util.Arrays.copyOf(item.queryTerms(), Math.min(2, item.queryTerms().length)),
        java.util.Arrays.copyOf(item.queryWeights(), Math.min(2, item.queryTerms().length)), story.text());
    f[19] = storyCoverage(story, item.text(), 3);
    return f;
  }
}
