package io.wirewatch.process.story;

import java.util.List;

/**
 * The pairwise features of an article against a story, the inputs of {@link StoryModel}: one
 * similarity per view of the article (as Miranda et al. 2018 do, one cosine per view) — the whole
 * text, the headline, the names, the numbers — and two that let the model calibrate the others
 * (how big the story is, how long the article is). Every one of them is computed without capitals
 * or dates too; "cased" tells the model when the names view is missing rather than different.
 */
public final class StoryFeatures {

  /** Feature names, in the order of the vector {@link #compute} returns. */
  public static final List<String> NAMES = List.of(
      "text",        // cosine, article TF-IDF vs story centroid (headline counted twice, and body)
      "titleText",   // cosine, article headline vs the story's text centroid
      "entities",    // cosine of proper-noun vectors (0 when either has no usable capitals)
      "cased",       // 1 when both have usable capitals, so that the model can tell "no names" from "names differ"
      "numbers",     // share of the article's numbers (two or more characters) that the story's centroid has
      "numberClash", // 1 when both have numbers and share none
      "size",        // ln(1 + articles in the story)
      "length");     // ln(1 + distinct terms of the article): short items have lower similarities

  private StoryFeatures() {}

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

  public static double[] compute(ItemVectors item, TextAnalysis analysis, Story story) {
    double[] f = new double[NAMES.size()];
    f[0] = item.text().cosine(story.text());
    f[1] = item.title().cosine(story.text());
    boolean cased = analysis.cased() && story.casedArticles() > 0;
    f[2] = cased ? item.entities().cosine(story.entities()) : 0;
    f[3] = cased ? 1 : 0;
    int numbers = item.numbers().length;
    int shared = 0;
    for (String t : item.numbers()) {
      if (story.text().contains(t)) {
        shared++;
      }
    }
    boolean storyNumbers = false;
    for (String t : story.text().terms()) {
      if (number(t)) {
        storyNumbers = true;
        break;
      }
    }
    f[4] = numbers == 0 ? 0 : (double) shared / numbers;
    f[5] = numbers > 0 && storyNumbers && shared == 0 ? 1 : 0;
    f[6] = Math.log1p(story.articleCount());
    f[7] = Math.log1p(item.text().size());
    return f;
  }

  /** Highest estimated shingle Jaccard of the article with the signatures the story keeps. */
  public static double duplicate(TextAnalysis analysis, Story story) {
    double dup = 0;
    for (int[] sig : story.signatures()) {
      dup = Math.max(dup, MinHash.jaccard(analysis.signature(), sig));
    }
    return dup;
  }

}
