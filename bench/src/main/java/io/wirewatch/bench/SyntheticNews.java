package io.wirewatch.bench;

import io.wirewatch.process.story.StoryItem;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * A generated news stream for the scale run of {@code bench stories-scale}: many stories, each
 * with many articles, in text with a realistic shape. Words are made-up syllable strings; what is
 * realistic is their distribution: a background vocabulary drawn from a Zipf law (s = 1.0, the
 * shape of English word frequencies), topics with their own words (Zipfian popularity: a few topics
 * hold many stories, like "earthquake" or "election"), and for each story its own names, place,
 * event words and numbers, which its articles repeat and vary. Story popularity is Zipfian too
 * (s = 0.8): most stories have a few articles, some have thousands.
 *
 * <p>Stream: every story's first article falls in the first {@code 2 x stories} articles (births
 * on even positions, follow-ups of born stories on odd ones), then only follow-ups; event time
 * advances evenly over {@code span}, shorter than the clusterer's window, so every story stays
 * active to the end. Deterministic: article {@code i} depends on the seed and {@code i} only.
 */
final class SyntheticNews {

  private static final String[] SYLLABLES = syllables();
  private static final int VOCABULARY = 60_000;
  private static final int TOPICS = 2_000;
  private static final int TOPIC_WORDS = 30;
  private static final int STORY_WORDS = 8;

  private final long seed;
  private final int stories;
  private final int articles;
  private final Instant start;
  private final Duration span;
  private final double[] wordCdf = zipfCdf(VOCABULARY, 1.0);
  private final double[] topicCdf = zipfCdf(TOPICS, 0.9);
  private final double[] storyCdf;
  private final int[] storyOf;

  SyntheticNews(long seed, int stories, int articles, Instant start, Duration span) {
    if (articles < 2 * stories) {
      throw new IllegalArgumentException("articles (" + articles + ") must be at least twice the stories (" + stories + ")");
    }
    this.seed = seed;
    this.stories = stories;
    this.articles = articles;
    this.start = start;
    this.span = span;
    this.storyCdf = zipfCdf(stories, 0.8);
    this.storyOf = new int[articles];
    Random r = new Random(seed);
    for (int i = 0; i < articles; i++) {
      if (i < 2 * stories && i % 2 == 0) {
        storyOf[i] = i / 2;
      } else {
        int born = Math.min(stories, i / 2 + 1);
        int s;
        do {
          s = sample(storyCdf, r);
        } while (s >= born);
        storyOf[i] = s;
      }
    }
  }

  int articles() {
    return articles;
  }

  /** The gold story of article {@code i}. */
  int storyOf(int i) {
    return storyOf[i];
  }

  /** Position from which every story has started. */
  int allBorn() {
    return 2 * stories;
  }

  StoryItem article(int i) {
    int s = storyOf[i];
    Random story = new Random(seed * 31 + s * 1_000_003L);
    int topic = sample(topicCdf, story);
    String[] names = {name(story.nextInt(2_000_000)), name(story.nextInt(2_000_000)), name(story.nextInt(2_000_000))};
    String place = name(2_000_000 + story.nextInt(50_000));
    String[] event = new String[STORY_WORDS];
    for (int k = 0; k < event.length; k++) {
      event[k] = word(2_000 + story.nextInt(VOCABULARY - 2_000));
    }
    String number = Integer.toString(10 + story.nextInt(990));
    Random topicR = new Random(seed * 17 + topic * 7_919L);
    String[] topicWords = new String[TOPIC_WORDS];
    for (int k = 0; k < topicWords.length; k++) {
      topicWords[k] = word(300 + topicR.nextInt(20_000));
    }

    Random r = new Random(seed * 131 + i * 2_654_435_761L);
    StringBuilder title = new StringBuilder();
    title.append(names[r.nextInt(2)]).append(' ').append(event[r.nextInt(3)]).append(' ')
        .append(topicWords[r.nextInt(5)]).append(' ').append(word(sample(wordCdf, r))).append(' ')
        .append(r.nextBoolean() ? place : names[2]).append(' ').append(event[3 + r.nextInt(3)]);
    StringBuilder text = new StringBuilder();
    int sentences = 5 + r.nextInt(8);
    for (int k = 0; k < sentences; k++) {
      int len = 10 + r.nextInt(16);
      for (int w = 0; w < len; w++) {
        double x = r.nextDouble();
        String t;
        if (x < 0.58) {
          t = word(sample(wordCdf, r));
        } else if (x < 0.78) {
          t = topicWords[Math.min(TOPIC_WORDS - 1, (int) (TOPIC_WORDS * r.nextDouble() * r.nextDouble()))];
        } else if (x < 0.90) {
          t = event[r.nextInt(STORY_WORDS)];
        } else if (x < 0.97) {
          t = r.nextInt(4) == 0 ? place : names[r.nextInt(3)];
        } else {
          t = r.nextBoolean() ? number : Integer.toString(r.nextInt(100));
        }
        if (w == 0) {
          t = Character.toUpperCase(t.charAt(0)) + t.substring(1);
        }
        text.append(t).append(w == len - 1 ? ". " : " ");
      }
    }
    Instant published = start.plusMillis((long) ((double) span.toMillis() * i / articles));
    return new StoryItem("a" + i, title.toString(), text.toString().strip(), published, "source" + r.nextInt(300), "en",
        "https://example.org/" + i);
  }

  /** The background word of rank {@code i}, a unique lower-case syllable string. */
  static String word(int i) {
    StringBuilder b = new StringBuilder();
    int v = i + SYLLABLES.length; // at least two syllables
    while (v > 0) {
      b.append(SYLLABLES[v % SYLLABLES.length]);
      v /= SYLLABLES.length;
    }
    return b.toString();
  }

  /** A capitalised name, from a space of its own (no clash with background words). */
  static String name(int i) {
    String w = word(i + 10_000_000);
    return Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }

  private static String[] syllables() {
    String consonants = "bcdfghjklmnprstvz";
    String vowels = "aeiou";
    String[] s = new String[consonants.length() * vowels.length()];
    int k = 0;
    for (char c : consonants.toCharArray()) {
      for (char v : vowels.toCharArray()) {
        s[k++] = "" + c + v;
      }
    }
    return s;
  }

  private static double[] zipfCdf(int n, double s) {
    double[] cdf = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      sum += 1 / Math.pow(k + 1, s);
      cdf[k] = sum;
    }
    for (int k = 0; k < n; k++) {
      cdf[k] /= sum;
    }
    return cdf;
  }

  private static int sample(double[] cdf, Random r) {
    int k = java.util.Arrays.binarySearch(cdf, r.nextDouble());
    return Math.min(cdf.length - 1, k >= 0 ? k : -k - 1);
  }
}
